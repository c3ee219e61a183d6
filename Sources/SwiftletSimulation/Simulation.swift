/// The development environment's physics: what edge devices can compute, what their radios can carry, and
/// what both cost in time and energy.
///
/// Everything here is a pure function of profiles and sizes — frames, airtime, duty-cycle waits, joules — so
/// the simulator can account exactly for thousands of virtual devices without running their radios.
/// `Links/` models radio links (LoRaWAN per Semtech AN1200.13, BLE, NB-IoT, LTE, Wi-Fi), `Devices/` device
/// profiles and availability, `Energy/` the computation-versus-communication energy model. `Runtime/` runs
/// virtual clients on a pool of shared models, and `Simulator/` puts it all together: ``Simulator`` runs the
/// round engine on a discrete-event clock over simulated devices. `Experiment/` turns a TOML run
/// configuration (``SimulationConfig``; `Config/` parses TOML, unknown keys are errors) into a runnable
/// ``Experiment``, and `Output/` writes what a run produced — history, summary, SVG charts (`Charts/`).
public enum Simulation {}
