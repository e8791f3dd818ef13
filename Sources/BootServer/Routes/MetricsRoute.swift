import Hummingbird
import Metrics
import Prometheus
import ProvisionModel
import ProvisionStore

/// `/metrics` in Prometheus text format. Machines-by-state is read from the store at scrape time.
struct MetricsRoute {
    let registry: PrometheusCollectorRegistry
    let store: any Store

    func register(on router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, _ in
            let counts = try await store.machineCountsByState()
            for state in MachineState.allCases {
                Gauge(label: "provision_machines", dimensions: [("state", state.rawValue)]).record(counts[state] ?? 0)
            }
            return Reply.text(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
