//! The read side of a dyad store, whatever holds it: [`ReadStore`] is what queries, exports
//! and the server need, implemented by the SQLite [`Store`] here and by the PostgreSQL store
//! of `dyad-pg`, so `dyad query|export|serve` work on either with one code path.

use crate::Result;
use crate::query::{ActorEntry, DyadQuery, DyadSeries, EventQuery, Page, StoredEvent};
use crate::store::{Stats, Store};

/// Queries answered by a dyad store (SQLite or PostgreSQL), with the same result types and
/// the same semantics on every backend.
pub trait ReadStore: Send {
    /// A zero-filled dyad series in both directions (see [`Store::dyad_series`]).
    fn dyad_series(&self, q: &DyadQuery) -> Result<DyadSeries>;
    /// One page of events (see [`Store::events`]).
    fn events(&self, q: &EventQuery) -> Result<Page<StoredEvent>>;
    /// Calls `f` with every event matching `q` (its `limit` ignored), in storage order,
    /// with bounded memory; returns how many.
    fn for_each_event(&self, q: &EventQuery, f: &mut dyn FnMut(&StoredEvent)) -> Result<u64>;
    /// One event by id, with its cluster's other events.
    fn event(&self, id: &str) -> Result<Option<StoredEvent>>;
    /// Actor codes seen, by code prefix or name substring.
    fn actors(&self, like: &str, limit: usize) -> Result<Vec<ActorEntry>>;
    /// The dyads with the most counted events, busiest first.
    fn top_dyads(&self, limit: usize) -> Result<Vec<(String, String, u64)>>;
    /// Counts of what the store holds.
    fn stats(&self) -> Result<Stats>;
    /// A number that changes whenever another connection has committed new data since the
    /// last call (SQLite's `data_version`; the newest row ids on PostgreSQL). Anything
    /// computed from the store is still true while it is unchanged.
    fn change_token(&self) -> Result<i64>;
}

impl ReadStore for Store {
    fn dyad_series(&self, q: &DyadQuery) -> Result<DyadSeries> {
        Store::dyad_series(self, q)
    }
    fn events(&self, q: &EventQuery) -> Result<Page<StoredEvent>> {
        Store::events(self, q)
    }
    fn for_each_event(&self, q: &EventQuery, f: &mut dyn FnMut(&StoredEvent)) -> Result<u64> {
        Store::for_each_event(self, q, f)
    }
    fn event(&self, id: &str) -> Result<Option<StoredEvent>> {
        Store::event(self, id)
    }
    fn actors(&self, like: &str, limit: usize) -> Result<Vec<ActorEntry>> {
        Store::actors(self, like, limit)
    }
    fn top_dyads(&self, limit: usize) -> Result<Vec<(String, String, u64)>> {
        Store::top_dyads(self, limit)
    }
    fn stats(&self) -> Result<Stats> {
        Store::stats(self)
    }
    fn change_token(&self) -> Result<i64> {
        Store::data_version(self)
    }
}
