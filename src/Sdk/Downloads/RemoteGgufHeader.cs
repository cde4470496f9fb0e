using Oprel.Gguf;
using Oprel.HuggingFace;
using Oprel.Planning;

namespace Oprel.Downloads;

/// <summary>
/// Reads a GGUF file's header from Hugging Face with a Range request (4 MiB, then 32 MiB for large vocabularies),
/// so that the memory estimate before a download uses the model's real layers and heads.
/// </summary>
internal static class RemoteGgufHeader
{
    private static readonly int[] PrefixSizes = [4 << 20, 32 << 20];

    /// <summary>The model's shape, or null when the header cannot be read (then the caller guesses from the file size).</summary>
    public static async Task<ModelShape?> ReadShapeAsync(HuggingFaceClient client, string repository, HuggingFaceFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(file);
        foreach (var size in PrefixSizes)
        {
            var wanted = (int)Math.Min(size, file.Size);
            var buffer = new byte[wanted];
            int filled;
            try
            {
                using var response = await client.OpenFileAsync(repository, file.Path, 0, wanted - 1, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    filled = await body.ReadAtLeastAsync(buffer, wanted, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception error) when (error is HttpRequestException or IOException or DownloadException)
            {
                return null;
            }

            try
            {
                return ModelShape.FromGguf(GgufReader.Read(new PrefixStream(buffer, filled, file.Size)));
            }
            catch (GgufFormatException) when (filled == wanted && wanted < file.Size)
            {
                // The header is longer than this prefix: try a larger one.
            }
            catch (GgufFormatException)
            {
                return null;
            }
        }

        return null;
    }
}
