namespace SessionApp.Tests.Infrastructure;

/// <summary>
/// Hands out loopback TCP ports that are free at the moment of asking and stay free until the server that asked
/// binds them: drawn from 10000–19999, below the kernel's ephemeral range (which outgoing connections take
/// ports from), never twice in one run.
/// </summary>
public static class FreePort
{
    public static int Next() => LoopbackPort.Free(10_000, 20_000);
}
