namespace Oprel.Supervisor.Workers;

/// <summary>Too many requests wait for one model already: the server answers 503.</summary>
internal sealed class ServerBusyException : OprelException
{
    public ServerBusyException(string message)
        : base(message)
    {
    }

    public ServerBusyException()
    {
    }

    public ServerBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
