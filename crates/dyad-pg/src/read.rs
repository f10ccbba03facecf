//! [`dyad_store::ReadStore`] for the PostgreSQL store: `dyad query|export|serve --postgres`
//! read it through the same interface as the SQLite store.

use dyad_store::ReadStore;
use dyad_store::query::{ActorEntry, DyadQuery, DyadSeries, EventQuery, Page, StoredEvent};
use dyad_store::store::Stats;

use crate::store::PgStore;

impl PgStore {
    /// Wraps an error of this store as the SQLite store's [`dyad_store::Error::Backend`].
    fn backend(&self, e: crate::Error) -> dyad_store::Error {
        dyad_store::Error::Backend {
            backend: format!("PostgreSQL database {}", self.database()),
            source: Box::new(e),
        }
    }

    /// A number that grows whenever a batch is committed (the newest document, event and run
    /// ids summed: every write adds at least one; nothing is deleted).
    pub fn change_token(&self) -> crate::Result<i64> {
        let mut conn = self.conn()?;
        let row = conn
            .query_one(
                "SELECT coalesce((SELECT max(id) FROM documents), 0)
                      + coalesce((SELECT max(seq) FROM events), 0)
                      + coalesce((SELECT max(id) FROM runs), 0)
                      + coalesce((SELECT max(id) FROM errors), 0)",
                &[],
            )
            .map_err(self.err("checking for changes"))?;
        Ok(row.get(0))
    }
}

impl ReadStore for PgStore {
    fn dyad_series(&self, q: &DyadQuery) -> dyad_store::Result<DyadSeries> {
        PgStore::dyad_series(self, q).map_err(|e| self.backend(e))
    }
    fn events(&self, q: &EventQuery) -> dyad_store::Result<Page<StoredEvent>> {
        PgStore::events(self, q).map_err(|e| self.backend(e))
    }
    fn for_each_event(
        &self,
        q: &EventQuery,
        f: &mut dyn FnMut(&StoredEvent),
    ) -> dyad_store::Result<u64> {
        PgStore::for_each_event(self, q, f).map_err(|e| self.backend(e))
    }
    fn event(&self, id: &str) -> dyad_store::Result<Option<StoredEvent>> {
        PgStore::event(self, id).map_err(|e| self.backend(e))
    }
    fn actors(&self, like: &str, limit: usize) -> dyad_store::Result<Vec<ActorEntry>> {
        PgStore::actors(self, like, limit).map_err(|e| self.backend(e))
    }
    fn top_dyads(&self, limit: usize) -> dyad_store::Result<Vec<(String, String, u64)>> {
        PgStore::top_dyads(self, limit).map_err(|e| self.backend(e))
    }
    fn stats(&self) -> dyad_store::Result<Stats> {
        PgStore::stats(self).map_err(|e| self.backend(e))
    }
    fn change_token(&self) -> dyad_store::Result<i64> {
        PgStore::change_token(self).map_err(|e| self.backend(e))
    }
}
