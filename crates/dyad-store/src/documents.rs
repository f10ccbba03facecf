//! Reading stored documents back, for tools that work on the store's text (`dyad harvest
//! --db`) without re-reading the inputs.

use crate::error::Result;
use crate::store::Store;

/// A stored document's text and what coding it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// The document's id.
    pub doc_id: String,
    /// Its text.
    pub text: String,
    /// Its language, when known.
    pub lang: Option<String>,
    /// Its publication date, when known.
    pub published: Option<jiff::civil::Date>,
}

impl Store {
    /// Calls `f` with every stored document in storage order, one at a time (the store is
    /// never read into memory). Stops at the first error `f` returns.
    pub fn for_each_document<E>(
        &self,
        mut f: impl FnMut(StoredDocument) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<(), E>> {
        let mut st = self.sql(
            self.conn
                .prepare("SELECT doc_id, text, lang, published FROM documents ORDER BY id"),
        )?;
        let mut rows = self.sql(st.query([]))?;
        while let Some(r) = self.sql(rows.next())? {
            let published: Option<String> = self.sql(r.get(3))?;
            let doc = StoredDocument {
                doc_id: self.sql(r.get(0))?,
                text: self.sql(r.get(1))?,
                lang: self.sql(r.get(2))?,
                published: published.and_then(|p| p.get(..10).and_then(|p| p.parse().ok())),
            };
            if let Err(e) = f(doc) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use crate::ingest::{IngestOptions, NoProgress, ingest};

    #[test]
    fn every_stored_document_is_read_back_with_its_date() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, "Title: A\nDate: 2022-05-24\n\nRabat hosted the talks.").unwrap();
        std::fs::write(&b, "Morocco met Mauritania.").unwrap();
        let mut store = Store::open(dir.path().join("d.db")).unwrap();
        ingest(&mut store, &[a, b], &IngestOptions::default(), &NoProgress).unwrap();
        let mut seen = Vec::new();
        store
            .for_each_document(|d| {
                seen.push((d.text.clone(), d.published.map(|p| p.to_string())));
                Ok::<(), ()>(())
            })
            .unwrap()
            .unwrap();
        seen.sort();
        assert_eq!(
            seen,
            vec![
                ("Morocco met Mauritania.".to_string(), None),
                (
                    "Rabat hosted the talks.".to_string(),
                    Some("2022-05-24".to_string())
                ),
            ]
        );
    }

    #[test]
    fn an_error_from_the_callback_stops_the_walk() {
        let store = Store::open_in_memory().unwrap();
        let r = store.for_each_document(|_| Err::<(), _>("stop")).unwrap();
        assert!(r.is_ok(), "an empty store calls nothing");
    }
}
