//! The model file container: magic bytes, format version, payload length, payload, CRC-32.

use crate::error::{Error, Result};

/// The file's first eight bytes.
pub(crate) const MAGIC: &[u8; 8] = b"DYADNLP\0";
/// The payload format this build writes and reads.
pub(crate) const FORMAT_VERSION: u32 = 2;

/// CRC-32 (IEEE 802.3, the zlib/PNG checksum).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

/// Wraps a payload: magic, version, length, payload, checksum.
pub(crate) fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 24);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32(payload).to_le_bytes());
    out
}

/// Checks the container and returns the payload.
pub(crate) fn unseal(bytes: &[u8]) -> Result<&[u8]> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(Error::BadMagic);
    }
    let malformed = |m: &str| Error::Malformed {
        offset: bytes.len(),
        message: m.to_string(),
    };
    let header = bytes
        .get(8..20)
        .ok_or_else(|| malformed("truncated header"))?;
    let version = u32::from_le_bytes(header[..4].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(Error::FormatVersion {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let len = u64::from_le_bytes(header[4..12].try_into().expect("8 bytes"));
    let len = usize::try_from(len).map_err(|_| malformed("payload length overflows"))?;
    if bytes.len() != 20 + len + 4 {
        return Err(Error::Malformed {
            offset: bytes.len(),
            message: format!(
                "file is {} bytes, header announces {}",
                bytes.len(),
                24 + len
            ),
        });
    }
    let payload = &bytes[20..20 + len];
    let stored = u32::from_le_bytes(bytes[20 + len..].try_into().expect("4 bytes"));
    let computed = crc32(payload);
    if stored != computed {
        return Err(Error::Checksum { stored, computed });
    }
    Ok(payload)
}

/// Appends little-endian values to a buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub(crate) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// LEB128.
    pub(crate) fn var(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn tag(&mut self, section: &[u8; 4]) {
        self.buf.extend_from_slice(section);
    }
}

/// Reads little-endian values, failing with [`Error::Malformed`] at the offending offset.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }
    pub(crate) fn error(&self, message: impl Into<String>) -> Error {
        Error::Malformed {
            offset: self.pos,
            message: message.into(),
        }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end {
            Some(end) => {
                let s = &self.data[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(self.error(format!("truncated: wanted {n} more bytes"))),
        }
    }
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    pub(crate) fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    pub(crate) fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    #[inline]
    pub(crate) fn var(&mut self) -> Result<u64> {
        // Fast path: one byte.
        if let Some(&b) = self.data.get(self.pos)
            && b < 0x80
        {
            self.pos += 1;
            return Ok(u64::from(b));
        }
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.error("varint too long"))
    }
    /// A length that must not exceed the bytes left (guards allocations on corrupt input).
    pub(crate) fn len(&mut self) -> Result<usize> {
        let v = self.var()?;
        let left = (self.data.len() - self.pos) as u64;
        if v > left.saturating_mul(8).max(16) {
            return Err(self.error(format!("length {v} exceeds the data left")));
        }
        Ok(v as usize)
    }
    pub(crate) fn str(&mut self) -> Result<String> {
        let n = self.len()?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error("string is not UTF-8"))
    }
    pub(crate) fn tag(&mut self, section: &[u8; 4]) -> Result<()> {
        let got = self.take(4)?;
        if got != section {
            return Err(self.error(format!(
                "expected section {:?}, found {:?}",
                String::from_utf8_lossy(section),
                String::from_utf8_lossy(got)
            )));
        }
        Ok(())
    }
    pub(crate) fn finish(&self) -> Result<()> {
        if self.pos != self.data.len() {
            return Err(self.error("trailing bytes after the last section"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_reference_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn seal_round_trips_and_detects_damage() {
        let sealed = seal(b"hello model");
        assert_eq!(unseal(&sealed).unwrap(), b"hello model");
        let mut bad = sealed.clone();
        bad[22] ^= 1;
        assert!(matches!(unseal(&bad), Err(Error::Checksum { .. })));
        let mut old = sealed.clone();
        old[8] = 0;
        assert!(matches!(
            unseal(&old),
            Err(Error::FormatVersion { found: 0, .. })
        ));
        assert!(matches!(unseal(b"GIF89a.."), Err(Error::BadMagic)));
        assert!(matches!(
            unseal(&sealed[..sealed.len() - 1]),
            Err(Error::Malformed { .. })
        ));
    }

    #[test]
    fn values_round_trip() {
        let mut w = Writer::default();
        w.var(300);
        w.str("héllo");
        w.u64(u64::MAX);
        w.f32(1.5);
        let mut r = Reader::new(&w.buf);
        assert_eq!(r.var().unwrap(), 300);
        assert_eq!(r.str().unwrap(), "héllo");
        assert_eq!(r.u64().unwrap(), u64::MAX);
        assert_eq!(r.f32().unwrap(), 1.5);
        r.finish().unwrap();
        assert!(r.u8().is_err());
    }
}
