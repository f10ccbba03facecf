//! Errors of the exporters.

/// An error of an exporter.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Writing the output failed.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    /// A PLOVER record could not be serialised.
    #[error("writing a JSON record: {0}")]
    Json(#[from] serde_json::Error),
    /// The Parquet writer failed.
    #[error("Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// The embedded gazetteer (country names, admin-1 divisions) could not be loaded.
    #[error("gazetteer: {0}")]
    Geo(#[from] dyad_geo::Error),
    /// A format name that is not one of the formats.
    #[error("unknown export format {0:?} (expected gdelt, plover, icews, csv or parquet)")]
    UnknownFormat(String),
    /// A counting unit that is not one of the units.
    #[error("unknown counting unit {0:?} (expected events, clusters or daily)")]
    UnknownUnit(String),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
