/// Where a device keeps its training tensors, which sets the energy of each memory access.
public enum MemoryTechnology: String, Sendable, Equatable, CaseIterable {
    /// On-chip SRAM (microcontrollers): ~5 pJ per 32-bit access.
    case sram
    /// Off-chip DRAM (phones, single-board computers): ~640 pJ per 32-bit access.
    case dram
}
