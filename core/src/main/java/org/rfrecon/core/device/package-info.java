/**
 * Devices and what rfrecon reads or drives on them beyond DJL: choosing the DJL device a
 * computation runs on ({@link org.rfrecon.core.device.Devices}, {@link
 * org.rfrecon.core.device.DeviceLists}), libtorch's autograd switch ({@link
 * org.rfrecon.core.device.GradMode}), memory figures ({@link org.rfrecon.core.device.NativeMemory}
 * and {@link org.rfrecon.core.device.MemoryProbe} on the CPU; {@link
 * org.rfrecon.core.device.AllocatorStatistics} on a GPU), and CUDA graphs through rfrecon's own
 * bridge library ({@link org.rfrecon.core.device.CudaGraph}).
 */
package org.rfrecon.core.device;
