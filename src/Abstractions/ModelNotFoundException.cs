namespace Oprel;

/// <summary>The model identifier names no alias, repository, stored model or file that Oprel can find.</summary>
public sealed class ModelNotFoundException : OprelException
{
    /// <summary>Creates the exception with a message.</summary>
    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ModelNotFoundException()
        : base("The model was not found.")
    {
    }
}
