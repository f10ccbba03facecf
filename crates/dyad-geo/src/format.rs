//! The compiled gazetteer file format.
//!
//! ```text
//! magic    8 bytes  b"DYADGEO\0"
//! version  u32 LE   FORMAT_VERSION
//! length   u64 LE   length of the uncompressed payload
//! crc32    u32 LE   CRC-32 (IEEE) of the uncompressed payload
//! payload  deflate stream
//! ```
//!
//! The payload is a sequence of little-endian sections written by [`Writer`] and read by
//! [`Reader`]: the string table, the countries, the places, the name index, the demonyms and
//! the stop words (see `gazetteer.rs` for their layout). Everything is written in a fixed
//! order from sorted inputs, so the same sources give the same bytes.

use std::io::{Read, Write};

use crate::error::{Error, Result};

/// The magic bytes a gazetteer file starts with.
pub const MAGIC: &[u8; 8] = b"DYADGEO\0";

/// The format version this code writes and reads. Bump it on any layout change.
pub const FORMAT_VERSION: u32 = 1;

const HEADER_LEN: usize = 8 + 4 + 8 + 4;

/// Largest payload a file may declare (guards against allocating for a corrupt length).
const MAX_PAYLOAD: u64 = 1 << 30;

/// Wraps a payload: header, checksum, deflate.
pub fn encode(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() / 3 + HEADER_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
    // Writing into a Vec cannot fail.
    enc.write_all(payload).expect("deflate into memory");
    enc.finish().expect("deflate into memory")
}

/// Checks the header, inflates and verifies the payload.
pub fn decode(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(Error::BadMagic);
    }
    if bytes.len() < HEADER_LEN {
        return Err(Error::Malformed("truncated header".into()));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(Error::UnsupportedVersion {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let len = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let stored = u32::from_le_bytes(bytes[20..24].try_into().expect("4 bytes"));
    if len > MAX_PAYLOAD {
        return Err(Error::Malformed(format!("declared payload of {len} bytes")));
    }
    let mut payload = Vec::with_capacity(len as usize);
    let mut dec = flate2::read::DeflateDecoder::new(&bytes[HEADER_LEN..]);
    if let Err(e) = dec.by_ref().take(len + 1).read_to_end(&mut payload) {
        // A damaged stream: report it as the checksum failure it is.
        let computed = crc32fast::hash(&payload);
        return Err(if computed == stored {
            Error::Malformed(format!("deflate stream: {e}"))
        } else {
            Error::Checksum { stored, computed }
        });
    }
    let computed = crc32fast::hash(&payload);
    if computed != stored || payload.len() as u64 != len {
        return Err(Error::Checksum { stored, computed });
    }
    Ok(payload)
}

/// Appends little-endian values to a payload.
#[derive(Debug, Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// Appends a `u8`.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Appends a `u16`.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends an `i32`.
    pub fn i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a length-prefixed byte string.
    pub fn bytes(&mut self, v: &[u8]) {
        self.u32(v.len() as u32);
        self.buf.extend_from_slice(v);
    }
    /// Appends a length-prefixed array of `u32`.
    pub fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        for &x in v {
            self.u32(x);
        }
    }
    /// Appends an array of `u32` as differences from the previous element (wrapping), which
    /// compresses well for sorted and nearly sorted arrays.
    pub fn u32s_delta(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        let mut prev = 0u32;
        for &x in v {
            self.u32(x.wrapping_sub(prev));
            prev = x;
        }
    }
}

/// Reads little-endian values from a payload; every read is bounds-checked.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Reads from the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| Error::Malformed(format!("truncated at byte {}", self.pos)))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    /// Reads a `u8`.
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    /// Reads a `u16`.
    pub fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    /// Reads a `u32`.
    pub fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    /// Reads an `i32`.
    pub fn i32(&mut self) -> Result<i32> {
        Ok(i32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    /// Reads a `u64`.
    pub fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    /// Reads a length-prefixed byte string.
    pub fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    /// Reads a length-prefixed array of `u32`.
    pub fn u32s(&mut self) -> Result<Vec<u32>> {
        let n = self.u32()? as usize;
        let raw = self.take(
            n.checked_mul(4)
                .ok_or_else(|| Error::Malformed("length".into()))?,
        )?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect())
    }
    /// Reads an array written by [`Writer::u32s_delta`].
    pub fn u32s_delta(&mut self) -> Result<Vec<u32>> {
        let mut v = self.u32s()?;
        let mut prev = 0u32;
        for x in &mut v {
            prev = prev.wrapping_add(*x);
            *x = prev;
        }
        Ok(v)
    }
    /// True when every byte has been read.
    pub fn is_at_end(&self) -> bool {
        self.pos == self.buf.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let payload: Vec<u8> = (0..10_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let file = encode(&payload);
        assert_eq!(decode(&file).unwrap(), payload);

        assert!(matches!(decode(b"PK\x03\x04junk"), Err(Error::BadMagic)));
        let mut old = file.clone();
        old[8..12].copy_from_slice(&0u32.to_le_bytes());
        assert!(matches!(
            decode(&old),
            Err(Error::UnsupportedVersion { found: 0, .. })
        ));
        let mut flipped = file.clone();
        let last = flipped.len() - 10;
        flipped[last] ^= 0x55;
        assert!(matches!(
            decode(&flipped),
            Err(Error::Checksum { .. } | Error::Malformed(_))
        ));
        let truncated = &file[..file.len() / 2];
        assert!(decode(truncated).is_err());
    }
}
