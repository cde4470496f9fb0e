namespace Oprel;

/// <summary>The inference backend (llama.cpp in a worker process) failed: it could not load the model, crashed or stopped answering.</summary>
public sealed class BackendException : OprelException
{
    /// <summary>Creates the exception with a message.</summary>
    public BackendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BackendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public BackendException()
        : base("The inference backend failed.")
    {
    }
}
