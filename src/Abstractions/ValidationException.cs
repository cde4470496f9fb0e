namespace Oprel;

/// <summary>An argument or request is invalid; nothing was done.</summary>
public sealed class ValidationException : OprelException
{
    /// <summary>Creates the exception with a message.</summary>
    public ValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ValidationException()
        : base("The request is invalid.")
    {
    }
}
