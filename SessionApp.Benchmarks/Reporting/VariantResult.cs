using SessionApp.Benchmarks.Driving;

namespace SessionApp.Benchmarks.Reporting;

/// <summary>One variant's measured run on one endpoint: wrk's figures, the server's peak memory, CPU spent and bytes the server allocated per request, the machine's idle share.</summary>
internal sealed record VariantResult(
    BenchmarkCase Case,
    BenchmarkEndpoint Endpoint,
    WrkReport Wrk,
    long? PeakWorkingSetBytes,
    double? ServerCpuMicrosPerRequest,
    double? RedisCpuMicrosPerRequest,
    double? WrkCpuMicrosPerRequest,
    double? AllocatedBytesPerRequest,
    double? MachineIdleShare,
    double? OtherProcessesShare,
    IReadOnlyList<string> RedisCommandStats);
