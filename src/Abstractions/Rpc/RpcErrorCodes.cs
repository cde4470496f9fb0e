namespace Oprel.Rpc;

/// <summary>Error codes that cross the worker and supervisor pipes (JSON-RPC application range).</summary>
internal static class RpcErrorCodes
{
    public const int InvalidRequest = -31000;
    public const int ModelNotFound = -31001;
    public const int ModelLoadFailed = -31002;
    public const int MemoryLimit = -31003;
    public const int NotLoaded = -31004;
    public const int ContextOverflow = -31005;
    public const int Backend = -31006;
    public const int Download = -31007;
    public const int Busy = -31008;
}
