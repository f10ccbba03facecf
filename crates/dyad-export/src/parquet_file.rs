//! The Parquet export: the flat columns ([`crate::flat::COLUMNS`]) as optional Parquet
//! columns (text as UTF-8 byte arrays, integers as INT64, floats as DOUBLE, booleans),
//! Snappy-compressed, in row groups of [`ROW_GROUP_ROWS`] rows so memory stays bounded.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::flat::{self, Kind, Value};
use crate::{ExportEvent, Result};

/// Rows per row group.
pub(crate) const ROW_GROUP_ROWS: usize = 65_536;

/// The Parquet schema of the flat columns, in Parquet's message syntax.
pub(crate) fn schema_text() -> String {
    let mut s = String::from("message dyad_event {\n");
    for (name, kind) in flat::COLUMNS {
        let ty = match kind {
            Kind::Text => "BYTE_ARRAY",
            Kind::Int => "INT64",
            Kind::Float => "DOUBLE",
            Kind::Bool => "BOOLEAN",
        };
        let annotation = if *kind == Kind::Text { " (UTF8)" } else { "" };
        s.push_str(&format!("  OPTIONAL {ty} {name}{annotation};\n"));
    }
    s.push('}');
    s
}

/// One column's buffered values and definition levels (1 present, 0 null).
enum Buffer {
    Text(Vec<ByteArray>, Vec<i16>),
    Int(Vec<i64>, Vec<i16>),
    Float(Vec<f64>, Vec<i16>),
    Bool(Vec<bool>, Vec<i16>),
}

impl Buffer {
    fn clear(&mut self) {
        match self {
            Buffer::Text(v, d) => (v.clear(), d.clear()),
            Buffer::Int(v, d) => (v.clear(), d.clear()),
            Buffer::Float(v, d) => (v.clear(), d.clear()),
            Buffer::Bool(v, d) => (v.clear(), d.clear()),
        };
    }
}

/// A Parquet file being written.
pub(crate) struct ParquetSink<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    buffers: Vec<Buffer>,
    rows: usize,
}

impl<W: Write + Send> ParquetSink<W> {
    pub(crate) fn new(out: W) -> Result<ParquetSink<W>> {
        let schema = Arc::new(parse_message_type(&schema_text())?);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(concat!("dyad ", env!("CARGO_PKG_VERSION")).to_string())
            .build();
        let writer = SerializedFileWriter::new(out, schema, Arc::new(props))?;
        let buffers = flat::COLUMNS
            .iter()
            .map(|(_, kind)| match kind {
                Kind::Text => Buffer::Text(Vec::new(), Vec::new()),
                Kind::Int => Buffer::Int(Vec::new(), Vec::new()),
                Kind::Float => Buffer::Float(Vec::new(), Vec::new()),
                Kind::Bool => Buffer::Bool(Vec::new(), Vec::new()),
            })
            .collect();
        Ok(ParquetSink {
            writer,
            buffers,
            rows: 0,
        })
    }

    pub(crate) fn push(&mut self, e: &ExportEvent) -> Result<()> {
        for (buffer, value) in self.buffers.iter_mut().zip(flat::row(e)) {
            let present = i16::from(value != Value::Null);
            match (buffer, value) {
                (Buffer::Text(v, d), Value::Text(s)) => {
                    v.push(ByteArray::from(s.as_bytes().to_vec()));
                    d.push(present);
                }
                (Buffer::Int(v, d), Value::Int(n)) => {
                    v.push(n);
                    d.push(present);
                }
                (Buffer::Float(v, d), Value::Float(x)) => {
                    v.push(x);
                    d.push(present);
                }
                (Buffer::Bool(v, d), Value::Bool(b)) => {
                    v.push(b);
                    d.push(present);
                }
                (
                    Buffer::Text(_, d)
                    | Buffer::Int(_, d)
                    | Buffer::Float(_, d)
                    | Buffer::Bool(_, d),
                    _,
                ) => d.push(0),
            }
        }
        self.rows += 1;
        if self.rows >= ROW_GROUP_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        let mut buffers = self.buffers.iter_mut();
        while let Some(mut column) = group.next_column()? {
            let Some(buffer) = buffers.next() else {
                break;
            };
            match (column.untyped(), &*buffer) {
                (ColumnWriter::ByteArrayColumnWriter(w), Buffer::Text(v, d)) => {
                    w.write_batch(v, Some(d), None)?;
                }
                (ColumnWriter::Int64ColumnWriter(w), Buffer::Int(v, d)) => {
                    w.write_batch(v, Some(d), None)?;
                }
                (ColumnWriter::DoubleColumnWriter(w), Buffer::Float(v, d)) => {
                    w.write_batch(v, Some(d), None)?;
                }
                (ColumnWriter::BoolColumnWriter(w), Buffer::Bool(v, d)) => {
                    w.write_batch(v, Some(d), None)?;
                }
                _ => unreachable!("the schema is built from the same column list"),
            }
            column.close()?;
            buffer.clear();
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<()> {
        self.flush()?;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(())
    }
}
