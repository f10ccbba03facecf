//! Rendered responses and the response cache of `GET /api/dyad`.
//!
//! A [`RenderedBody`] is a response body rendered once — JSON, CSV or SVG — with its strong
//! ETag and, once a client asked for it, its gzip form: it answers `If-None-Match` with 304
//! and `Accept-Encoding: gzip` with the compressed bytes, without rendering or compressing
//! again. The [`ResponseCache`] keeps rendered bodies by the normalised query, within a byte
//! budget, for one store generation ([`crate::StorePool::generation`]): when an ingest beside
//! the server commits, the generation changes and the whole cache is dropped.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Bodies smaller than this are sent as they are (gzip would save too little).
const GZIP_MIN_BYTES: usize = 1024;

/// A response body rendered once, with its ETag and (lazily) its gzip form.
#[derive(Debug)]
pub struct RenderedBody {
    content_type: &'static str,
    disposition: Option<&'static str>,
    body: Bytes,
    etag: HeaderValue,
    gzip: OnceLock<Option<Bytes>>,
}

impl RenderedBody {
    /// A body of `content_type` (and an optional `Content-Disposition`); its ETag is a hash
    /// of its bytes.
    pub fn new(
        content_type: &'static str,
        disposition: Option<&'static str>,
        body: Vec<u8>,
    ) -> RenderedBody {
        let hash = blake3::hash(&body);
        let hex: String = hash.as_bytes()[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let etag = HeaderValue::from_str(&format!("\"{hex}\""))
            .expect("a quoted hexadecimal string is a header value");
        RenderedBody {
            content_type,
            disposition,
            body: Bytes::from(body),
            etag,
            gzip: OnceLock::new(),
        }
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The strong ETag (`"…"`, 24 hexadecimal digits of the body's BLAKE3 hash).
    pub fn etag(&self) -> &HeaderValue {
        &self.etag
    }

    /// The body compressed with gzip, computed on first use; `None` when the body is too
    /// small to be worth it.
    fn gzipped(&self) -> Option<&Bytes> {
        self.gzip
            .get_or_init(|| {
                if self.body.len() < GZIP_MIN_BYTES {
                    return None;
                }
                let mut encoder = flate2::write::GzEncoder::new(
                    Vec::with_capacity(self.body.len() / 4),
                    flate2::Compression::default(),
                );
                // Writing to a Vec cannot fail.
                encoder.write_all(&self.body).ok()?;
                encoder.finish().ok().map(Bytes::from)
            })
            .as_ref()
    }

    /// The response to a request with `request` headers: 304 when `If-None-Match` names this
    /// body's ETag, the gzip form when `Accept-Encoding` allows it, else the body. Every answer
    /// carries the ETag, `Vary: Accept-Encoding` and `Cache-Control: no-cache` (clients
    /// revalidate: the store may change).
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let mut response = if if_none_match(request, &self.etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let gzip = accepts_gzip(request)
                .then(|| self.gzipped())
                .flatten()
                .cloned();
            let mut response = match &gzip {
                Some(bytes) => Response::new(Body::from(bytes.clone())),
                None => Response::new(Body::from(self.body.clone())),
            };
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            );
            if gzip.is_some() {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
            if let Some(disposition) = self.disposition {
                headers.insert(
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static(disposition),
                );
            }
            response
        };
        let headers = response.headers_mut();
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        response
    }

    /// Bytes a cache entry of this body is counted for: the body, and a quarter more for its
    /// gzip form once made (JSON, CSV and SVG compress at least fourfold).
    fn charged_bytes(&self) -> usize {
        self.body.len() + self.body.len() / 4
    }
}

/// True when `If-None-Match` lists `etag` (weak comparison) or is `*`.
fn if_none_match(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(ours) = etag.to_str() else {
        return false;
    };
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == ours)
}

/// True when `Accept-Encoding` accepts gzip (by name or `*`, with a non-zero quality).
fn accepts_gzip(request: &HeaderMap) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// What the cache holds and how it has served, for logs and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Entries held.
    pub entries: usize,
    /// Bytes charged for the entries held (bodies, keys and room for their gzip forms).
    pub bytes: usize,
    /// Lookups answered from the cache.
    pub hits: u64,
    /// Lookups that were not.
    pub misses: u64,
    /// Times the whole cache was dropped because the store changed.
    pub invalidations: u64,
}

/// Rendered bodies by normalised query, for one store generation, within a byte budget
/// (oldest entries leave first).
#[derive(Debug)]
pub struct ResponseCache {
    budget: usize,
    state: Mutex<CacheState>,
}

#[derive(Debug, Default)]
struct CacheState {
    generation: u64,
    /// Each body with the bytes it was charged.
    entries: HashMap<String, (Arc<RenderedBody>, usize)>,
    order: VecDeque<String>,
    bytes: usize,
    stats: CacheStats,
}

impl CacheState {
    /// Drops every entry when `generation` is newer than the entries'.
    fn advance(&mut self, generation: u64) {
        if generation > self.generation {
            if !self.entries.is_empty() {
                self.stats.invalidations += 1;
            }
            self.generation = generation;
            self.entries.clear();
            self.order.clear();
            self.bytes = 0;
        }
    }
}

impl ResponseCache {
    /// A cache of at most `budget_bytes` bytes of bodies (0: nothing is kept).
    pub fn new(budget_bytes: usize) -> ResponseCache {
        ResponseCache {
            budget: budget_bytes,
            state: Mutex::new(CacheState::default()),
        }
    }

    /// The body cached for `key` under `generation` (entries of older generations are
    /// dropped first).
    pub fn get(&self, key: &str, generation: u64) -> Option<Arc<RenderedBody>> {
        if self.budget == 0 {
            return None;
        }
        let mut state = self.state.lock().ok()?;
        state.advance(generation);
        let found = if generation == state.generation {
            state.entries.get(key).map(|(body, _)| body.clone())
        } else {
            None
        };
        if found.is_some() {
            state.stats.hits += 1;
        } else {
            state.stats.misses += 1;
        }
        found
    }

    /// Keeps `body` for `key`, computed from the store under `generation` (a body of an
    /// older generation than the cache's is not kept).
    pub fn insert(&self, key: String, generation: u64, body: Arc<RenderedBody>) {
        let size = body.charged_bytes() + key.len();
        if size > self.budget {
            return;
        }
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.advance(generation);
        if generation != state.generation {
            return;
        }
        match state.entries.insert(key.clone(), (body, size)) {
            Some((_, old)) => state.bytes -= old,
            None => state.order.push_back(key),
        }
        state.bytes += size;
        while state.bytes > self.budget {
            let Some(oldest) = state.order.pop_front() else {
                break;
            };
            if let Some((_, old)) = state.entries.remove(&oldest) {
                state.bytes -= old;
            }
        }
    }

    /// Entries, bytes, hits, misses and invalidations so far.
    pub fn stats(&self) -> CacheStats {
        self.state
            .lock()
            .map_or(CacheStats::default(), |s| CacheStats {
                entries: s.entries.len(),
                bytes: s.bytes,
                ..s.stats
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Arc<RenderedBody> {
        Arc::new(RenderedBody::new("application/json", None, text.into()))
    }

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        h
    }

    #[test]
    fn entries_live_for_one_generation() {
        let cache = ResponseCache::new(1 << 20);
        cache.insert("k".into(), 3, body("{}"));
        assert!(cache.get("k", 3).is_some());
        assert!(cache.get("other", 3).is_none());
        // The store changed: everything goes.
        assert!(cache.get("k", 4).is_none());
        assert_eq!(cache.stats().entries, 0);
        assert_eq!(cache.stats().invalidations, 1);
        // A body computed under an older generation is not kept.
        cache.insert("k".into(), 3, body("{}"));
        assert!(cache.get("k", 4).is_none());
        assert_eq!(
            (cache.stats().hits, cache.stats().misses),
            (1, 3),
            "{:?}",
            cache.stats()
        );
    }

    #[test]
    fn the_budget_holds_and_the_oldest_leave_first() {
        let cache = ResponseCache::new(100);
        for k in 0..10 {
            cache.insert(format!("k{k}"), 1, body(&"x".repeat(20)));
        }
        let stats = cache.stats();
        assert!(stats.bytes <= 100, "{stats:?}");
        // Each entry is charged 20 bytes of body, 5 for its gzip form and 2 of key.
        assert_eq!(stats.entries, 3);
        assert!(cache.get("k0", 1).is_none());
        assert!(cache.get("k9", 1).is_some());
        // Replacing an entry does not count it twice.
        cache.insert("k9".into(), 1, body(&"y".repeat(20)));
        assert_eq!(cache.stats().entries, 3);
        assert_eq!(
            &cache.get("k9", 1).unwrap().body()[..],
            "y".repeat(20).as_bytes()
        );
        // A body over the budget is never kept; a zero budget keeps nothing.
        cache.insert("big".into(), 1, body(&"z".repeat(200)));
        assert!(cache.get("big", 1).is_none());
        let off = ResponseCache::new(0);
        off.insert("k".into(), 1, body("{}"));
        assert!(off.get("k", 1).is_none());
    }

    #[test]
    fn etags_answer_304_and_gzip_is_sent_when_accepted() {
        let text = "{\"periods\": []} ".repeat(200);
        let b = RenderedBody::new("application/json", None, text.clone().into_bytes());
        let etag = b.etag().to_str().unwrap().to_string();
        assert!(etag.starts_with('"') && etag.len() == 26, "{etag}");
        // Same bytes, same tag; other bytes, another.
        assert_eq!(
            RenderedBody::new("application/json", None, text.clone().into_bytes()).etag(),
            b.etag()
        );
        assert_ne!(
            RenderedBody::new("application/json", None, b"{}".to_vec()).etag(),
            b.etag()
        );

        let plain = b.respond(&HeaderMap::new());
        assert_eq!(plain.status(), StatusCode::OK);
        assert_eq!(plain.headers()[header::ETAG], etag.as_str());
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());

        for matching in [
            etag.clone(),
            format!("W/{etag}"),
            format!("\"x\", {etag}"),
            "*".into(),
        ] {
            let r = b.respond(&headers(&[(header::IF_NONE_MATCH, &matching)]));
            assert_eq!(r.status(), StatusCode::NOT_MODIFIED, "{matching}");
            assert_eq!(r.headers()[header::ETAG], etag.as_str());
        }
        let r = b.respond(&headers(&[(header::IF_NONE_MATCH, "\"other\"")]));
        assert_eq!(r.status(), StatusCode::OK);

        let gz = b.respond(&headers(&[(header::ACCEPT_ENCODING, "br, gzip;q=0.8")]));
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        let compressed = b.gzipped().unwrap();
        assert!(compressed.len() < text.len() / 10);
        let mut unzipped = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&compressed[..]),
            &mut unzipped,
        )
        .unwrap();
        assert_eq!(unzipped, text);
        for refused in ["gzip;q=0", "br", "identity"] {
            let r = b.respond(&headers(&[(header::ACCEPT_ENCODING, refused)]));
            assert!(
                r.headers().get(header::CONTENT_ENCODING).is_none(),
                "{refused}"
            );
        }
        // Small bodies are sent as they are.
        let small = RenderedBody::new("application/json", None, b"{}".to_vec());
        let r = small.respond(&headers(&[(header::ACCEPT_ENCODING, "gzip")]));
        assert!(r.headers().get(header::CONTENT_ENCODING).is_none());
    }
}
