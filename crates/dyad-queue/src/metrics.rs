//! A worker's counters and the `/metrics` endpoint (Prometheus text format 0.0.4).

use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::sync::watch;

use crate::error::{Error, Result};

/// A worker's counters, shared with its metrics endpoint.
#[derive(Debug)]
pub struct WorkerMetrics {
    started: Instant,
    /// Documents acknowledged after their transaction committed (stored, or found stored).
    pub documents: AtomicU64,
    /// Documents this worker stored (the others were already stored).
    pub documents_added: AtomicU64,
    /// Events stored.
    pub events: AtomicU64,
    /// Failed attempts (a write that failed, a message that is not a document).
    pub errors: AtomicU64,
    /// Documents sent to the dead-letter subject.
    pub dead_letters: AtomicU64,
    /// Messages received again (delivered more than once).
    pub redeliveries: AtomicU64,
    /// Write transactions committed.
    pub batches: AtomicU64,
    /// Messages pulled and not yet acknowledged.
    pub in_flight: AtomicU64,
    /// Messages waiting in the queue for any worker (the consumer's `num_pending`).
    pub lag: AtomicU64,
}

impl Default for WorkerMetrics {
    fn default() -> WorkerMetrics {
        WorkerMetrics {
            started: Instant::now(),
            documents: AtomicU64::new(0),
            documents_added: AtomicU64::new(0),
            events: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            dead_letters: AtomicU64::new(0),
            redeliveries: AtomicU64::new(0),
            batches: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            lag: AtomicU64::new(0),
        }
    }
}

impl WorkerMetrics {
    /// Documents per second since the worker started.
    pub fn documents_per_second(&self) -> f64 {
        let secs = self.started.elapsed().as_secs_f64();
        if secs > 0.0 {
            self.documents.load(Ordering::Relaxed) as f64 / secs
        } else {
            0.0
        }
    }

    /// The counters in Prometheus text format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, value: String| {
            // Writing to a String cannot fail.
            let _ = write!(
                out,
                "# HELP dyad_worker_{name} {help}\n# TYPE dyad_worker_{name} {kind}\ndyad_worker_{name} {value}\n"
            );
        };
        let n = |c: &AtomicU64| c.load(Ordering::Relaxed).to_string();
        metric(
            "documents_total",
            "counter",
            "Documents acknowledged after their transaction committed.",
            n(&self.documents),
        );
        metric(
            "documents_added_total",
            "counter",
            "Documents this worker stored (not already stored).",
            n(&self.documents_added),
        );
        metric("events_total", "counter", "Events stored.", n(&self.events));
        metric(
            "documents_per_second",
            "gauge",
            "Documents acknowledged per second since the worker started.",
            format!("{:.3}", self.documents_per_second()),
        );
        metric(
            "errors_total",
            "counter",
            "Failed attempts: writes that failed, messages that are not documents.",
            n(&self.errors),
        );
        metric(
            "dead_letters_total",
            "counter",
            "Documents sent to the dead-letter subject.",
            n(&self.dead_letters),
        );
        metric(
            "redeliveries_total",
            "counter",
            "Messages delivered more than once.",
            n(&self.redeliveries),
        );
        metric(
            "batches_total",
            "counter",
            "Write transactions committed.",
            n(&self.batches),
        );
        metric(
            "in_flight_messages",
            "gauge",
            "Messages pulled and not yet acknowledged.",
            n(&self.in_flight),
        );
        metric(
            "lag_messages",
            "gauge",
            "Messages waiting in the queue (the consumer's num_pending).",
            n(&self.lag),
        );
        metric(
            "uptime_seconds",
            "gauge",
            "Seconds since the worker started.",
            format!("{:.3}", self.started.elapsed().as_secs_f64()),
        );
        out
    }
}

async fn metrics_page(State(m): State<Arc<WorkerMetrics>>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        m.render(),
    )
}

/// Serves `GET /metrics` on `addr` until `shutdown` turns true; returns the bound address
/// (port 0 picks a free one).
pub async fn serve_metrics(
    addr: SocketAddr,
    metrics: Arc<WorkerMetrics>,
    mut shutdown: watch::Receiver<bool>,
) -> Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Metrics { addr, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| Error::Metrics { addr, source })?;
    let app = Router::new()
        .route("/metrics", get(metrics_page))
        .with_state(metrics);
    tokio::spawn(async move {
        let stop = async move {
            while !*shutdown.borrow() {
                if shutdown.changed().await.is_err() {
                    break;
                }
            }
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::warn!("metrics endpoint stopped: {e}");
        }
    });
    Ok(bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prometheus_text_has_every_metric_once() {
        let m = WorkerMetrics::default();
        m.documents.store(7, Ordering::Relaxed);
        m.lag.store(3, Ordering::Relaxed);
        let text = m.render();
        assert!(text.contains(
            "# TYPE dyad_worker_documents_total counter\ndyad_worker_documents_total 7\n"
        ));
        assert!(text.contains("\ndyad_worker_lag_messages 3\n"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (name, value) = line.split_once(' ').unwrap();
            assert!(name.starts_with("dyad_worker_"), "{line}");
            assert!(value.parse::<f64>().is_ok(), "{line}");
            assert_eq!(text.matches(&format!("# TYPE {name} ")).count(), 1);
        }
    }
}
