using StreamJsonRpc;

namespace Oprel.Rpc;

/// <summary>How the seed's exceptions cross a pipe: as JSON-RPC error codes, and back.</summary>
internal static class RpcErrors
{
    /// <summary>The error a service throws so that its caller gets <paramref name="error"/>'s type back.</summary>
    public static LocalRpcException ToRpc(OprelException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new LocalRpcException(error.Message)
        {
            ErrorCode = error switch
            {
                ValidationException => RpcErrorCodes.InvalidRequest,
                ModelNotFoundException => RpcErrorCodes.ModelNotFound,
                MemoryLimitException => RpcErrorCodes.MemoryLimit,
                DownloadException => RpcErrorCodes.Download,
                _ => RpcErrorCodes.Backend,
            },
        };
    }

    /// <summary>The seed's exception for an error that came back over a pipe.</summary>
    public static OprelException FromRpc(RemoteInvocationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return FromCode(error.ErrorCode, error);
    }

    /// <summary>The seed's exception for an error an in-process service (direct mode) raised as an RPC error.</summary>
    public static OprelException FromLocal(LocalRpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return FromCode(error.ErrorCode, error);
    }

    private static OprelException FromCode(int code, Exception error)
    {
        return code switch
        {
            RpcErrorCodes.InvalidRequest or RpcErrorCodes.ContextOverflow => new ValidationException(error.Message, error),
            RpcErrorCodes.ModelNotFound => new ModelNotFoundException(error.Message, error),
            RpcErrorCodes.MemoryLimit => new MemoryLimitException(error.Message, error),
            RpcErrorCodes.Download => new DownloadException(error.Message, error),
            _ => new BackendException(error.Message, error),
        };
    }
}
