//! Places for dyad: a compact GeoNames gazetteer and a geoparser.
#![deny(missing_docs)]

pub mod error;
pub mod eval;
pub mod format;
pub mod gazetteer;
pub mod generate;
pub mod geoparse;
pub mod place;

pub use error::{Error, Result};
pub use gazetteer::{Gazetteer, GazetteerStats, PlaceRef, name_key};
pub use geoparse::{Attachment, DocContext, EventLocation, Geoparser, PlaceMention};
pub use place::{Admin1, Country, GeonameId, Place, PlaceKind, Precision};
