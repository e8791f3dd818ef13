import Metrics

/// The server's Prometheus-style counters (through whatever swift-metrics backend is bootstrapped).
struct TFTPMetrics: Sendable {
    let started = Counter(label: "tftp_transfers_started_total")
    let completed = Counter(label: "tftp_transfers_completed_total")
    let failed = Counter(label: "tftp_transfers_failed_total")
    let sizeQueries = Counter(label: "tftp_size_queries_total")
    let bytes = Counter(label: "tftp_bytes_sent_total")
    let retransmits = Counter(label: "tftp_retransmits_total")
}
