/// The development environment's physics: what edge devices can compute, what their radios can carry, and
/// what both cost in time and energy.
///
/// Everything here is a pure function of profiles and sizes — frames, airtime, duty-cycle waits, joules — so
/// the simulator can account exactly for thousands of virtual devices without running their radios.
/// `Links/` models radio links (LoRaWAN per Semtech AN1200.13, BLE, NB-IoT, LTE, Wi-Fi), `Devices/` device
/// profiles and availability, `Energy/` the computation-versus-communication energy model. `Runtime/` runs
/// virtual clients on a pool of shared models, `Config/` reads TOML run configurations (unknown keys are
/// errors) and `Charts/` writes the SVG charts of a run.
public enum Simulation {}
