namespace Oprel;

/// <summary>The model does not fit the memory budget, or its worker went past its memory limit.</summary>
public sealed class MemoryLimitException : OprelException
{
    /// <summary>Creates the exception with a message.</summary>
    public MemoryLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public MemoryLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MemoryLimitException()
        : base("The model does not fit in the memory budget.")
    {
    }
}
