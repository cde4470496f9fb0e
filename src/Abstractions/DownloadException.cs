namespace Oprel;

/// <summary>Fetching a model failed: network error, missing file, checksum mismatch or no disk space.</summary>
public sealed class DownloadException : OprelException
{
    /// <summary>Creates the exception with a message.</summary>
    public DownloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public DownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DownloadException()
        : base("The download failed.")
    {
    }
}
