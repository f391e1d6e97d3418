// rfrecon's CUDA-graph bridge: a small C API over libtorch's at::cuda::CUDAGraph and c10's CUDA
// streams, loaded by org.rfrecon.core.device.CudaGraph through JNA beside DJL's own JNI library.
//
// DJL 0.36 has no API for CUDA graphs. libtorch has one (the C++ class behind
// torch.cuda.CUDAGraph), and a graph captured through it is exactly what PyTorch's own whole-step
// capture does: libtorch's caching allocator gives the captured work a private memory pool, so
// replays find their tensors where capture left them. Everything here runs on the calling thread:
// libtorch's current CUDA stream is thread-local, so the DJL calls the Java thread makes between
// rf_cg_enter and rf_cg_exit (or capture begin and end) go to this graph's side stream.
//
// Every function returns 0 on success and -1 on failure; rf_cg_last_error() then holds the
// message (thread-local) until the next failing call.

#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <cuda_runtime_api.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

namespace {

thread_local std::string last_error;

// `device` as libtorch's device index; refused unless it names a visible CUDA device.
c10::DeviceIndex cuda_device(int device) {
    TORCH_CHECK(device >= 0 && device < c10::cuda::device_count(), "no CUDA device ", device);
    return static_cast<c10::DeviceIndex>(device);
}

struct Graph {
    c10::DeviceIndex device;
    c10::cuda::CUDAStream side;
    std::optional<c10::cuda::CUDAStream> previous;
    at::cuda::CUDAGraph graph;
    bool captured = false;
    bool capturing = false;

    Graph(c10::DeviceIndex d, c10::cuda::CUDAStream s) : device(d), side(s) {}
};

// `waiter` waits for all work queued on `signaller` so far (an event, as torch's wait_stream).
void wait_for(const c10::cuda::CUDAStream& waiter, const c10::cuda::CUDAStream& signaller) {
    cudaEvent_t event;
    C10_CUDA_CHECK(cudaEventCreateWithFlags(&event, cudaEventDisableTiming));
    C10_CUDA_CHECK(cudaEventRecord(event, signaller.stream()));
    C10_CUDA_CHECK(cudaStreamWaitEvent(waiter.stream(), event, 0));
    C10_CUDA_CHECK(cudaEventDestroy(event));
}

void enter(Graph* g) {
    TORCH_CHECK(!g->previous.has_value(), "the graph's stream is already current");
    c10::cuda::CUDAGuard guard(g->device);
    c10::cuda::CUDAStream current = c10::cuda::getCurrentCUDAStream(g->device);
    wait_for(g->side, current);
    g->previous = current;
    c10::cuda::setCurrentCUDAStream(g->side);
}

void exit_stream(Graph* g) {
    TORCH_CHECK(g->previous.has_value(), "the graph's stream is not current");
    c10::cuda::CUDAStream previous = *g->previous;
    g->previous.reset();
    c10::cuda::setCurrentCUDAStream(previous);
    wait_for(previous, g->side);
}

template <typename F>
int guarded(F&& body) {
    try {
        body();
        return 0;
    } catch (const std::exception& e) {
        last_error = e.what();
        // libtorch's messages carry a C++ backtrace after the first line
        auto nl = last_error.find('\n');
        if (nl != std::string::npos) {
            last_error.resize(nl);
        }
    } catch (...) {
        last_error = "unknown C++ exception";
    }
    return -1;
}

}  // namespace

extern "C" {

const char* rf_cg_last_error() { return last_error.c_str(); }

// A new, empty graph on CUDA device `device` with a side stream of its own; null on failure.
void* rf_cg_new(int device) {
    Graph* out = nullptr;
    guarded([&] {
        c10::DeviceIndex d = cuda_device(device);
        out = new Graph(d, c10::cuda::getStreamFromPool(false, d));
    });
    return out;
}

// Makes the graph's side stream the thread's current stream (after the work already queued on
// the current one): warm-up before capture runs there, as torch.cuda.graph's does.
int rf_cg_enter(void* handle) { return guarded([&] { enter(static_cast<Graph*>(handle)); }); }

// Restores the stream that was current before rf_cg_enter; it waits for the side stream's work.
int rf_cg_exit(void* handle) { return guarded([&] { exit_stream(static_cast<Graph*>(handle)); }); }

// Enters the side stream and begins capturing it (libtorch's private memory pool for the graph).
// `mode` is CUDA's cudaStreamCaptureMode: 0 global (PyTorch's default), 1 thread-local, 2 relaxed.
int rf_cg_capture_begin(void* handle, int mode) {
    return guarded([&] {
        Graph* g = static_cast<Graph*>(handle);
        TORCH_CHECK(!g->captured && !g->capturing, "this graph has already been captured");
        c10::cuda::CUDAGuard guard(g->device);
        C10_CUDA_CHECK(cudaDeviceSynchronize());
        enter(g);
        try {
            TORCH_CHECK(mode >= 0 && mode <= 2, "capture mode must be 0, 1 or 2, not ", mode);
            g->graph.capture_begin({0, 0}, static_cast<cudaStreamCaptureMode>(mode));
        } catch (...) {
            exit_stream(g);
            throw;
        }
        g->capturing = true;
    });
}

// Ends the capture (the graph is instantiated) and restores the previous stream. After a failed
// capture the graph is unusable; the stream is restored either way.
int rf_cg_capture_end(void* handle) {
    return guarded([&] {
        Graph* g = static_cast<Graph*>(handle);
        TORCH_CHECK(g->capturing, "this graph is not capturing");
        g->capturing = false;
        c10::cuda::CUDAGuard guard(g->device);
        try {
            g->graph.capture_end();
        } catch (...) {
            exit_stream(g);
            throw;
        }
        exit_stream(g);
        g->captured = true;
    });
}

// Launches the captured work on the thread's current stream.
int rf_cg_replay(void* handle) {
    return guarded([&] {
        Graph* g = static_cast<Graph*>(handle);
        TORCH_CHECK(g->captured, "this graph has not been captured");
        c10::cuda::CUDAGuard guard(g->device);
        g->graph.replay();
    });
}

// Waits for all work on device `device` (torch.cuda.synchronize).
int rf_cg_synchronize(int device) {
    return guarded([&] {
        c10::cuda::CUDAGuard guard(static_cast<c10::DeviceIndex>(device));
        C10_CUDA_CHECK(cudaDeviceSynchronize());
    });
}

// Frees the graph and its private memory pool (after the work queued on it has finished).
void rf_cg_free(void* handle) {
    Graph* g = static_cast<Graph*>(handle);
    if (g == nullptr) {
        return;
    }
    guarded([&] {
        c10::cuda::CUDAGuard guard(g->device);
        if (g->previous.has_value()) {
            exit_stream(g);
        }
        C10_CUDA_CHECK(cudaDeviceSynchronize());
        delete g;
    });
}

// libtorch's CUDA allocator figures for device `device`, the ones torch.cuda.memory_stats reports
// ("allocated_bytes.all.current" and ".peak", "reserved_bytes.all.current" and ".peak"): out[0]
// bytes tensors hold now, out[1] the most they held since the last rf_cg_reset_peak_memory, out[2]
// bytes the allocator holds from the driver now (cached blocks and graph pools included), out[3]
// its peak. Under the cudaMallocAsync backend they are that backend's figures.
int rf_cg_memory_stats(int device, int64_t* out) {
    return guarded([&] {
        auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(cuda_device(device));
        // index 0 of each StatArray is StatType::AGGREGATE (all pools)
        out[0] = stats.allocated_bytes[0].current;
        out[1] = stats.allocated_bytes[0].peak;
        out[2] = stats.reserved_bytes[0].current;
        out[3] = stats.reserved_bytes[0].peak;
    });
}

// Starts new peaks for rf_cg_memory_stats (torch.cuda.reset_peak_memory_stats).
int rf_cg_reset_peak_memory(int device) {
    return guarded([&] {
        c10::cuda::CUDACachingAllocator::resetPeakStats(cuda_device(device));
    });
}

}  // extern "C"
