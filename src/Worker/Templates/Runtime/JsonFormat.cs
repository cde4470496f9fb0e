namespace Oprel.Worker.Templates.Runtime;

/// <summary>
/// How <see cref="JsonWriter"/> lays out JSON, as Python's <c>json.dumps</c> options: <paramref name="Indent"/> null
/// keeps everything on one line.
/// </summary>
internal sealed record JsonFormat(string? Indent, string ItemSeparator, string KeySeparator, bool SortKeys, bool EnsureAscii);
