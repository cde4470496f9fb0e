namespace Oprel;

/// <summary>The base of every error Oprel raises; callers catch it to handle any Oprel failure.</summary>
public class OprelException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public OprelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public OprelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public OprelException()
        : base("Oprel failed.")
    {
    }
}
