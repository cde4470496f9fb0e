using System.Text;

namespace Oprel.Supervisor.Cli;

/// <summary>Plain aligned columns, as `ollama list` prints them: a header row, then rows; the last column is not padded.</summary>
internal static class TextTable
{
    private const int ColumnGap = 3;

    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, headers.Count).Select(column => all.Max(row => column < row.Count ? row[column].Length : 0)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            for (var column = 0; column < headers.Count; column++)
            {
                var cell = column < row.Count ? row[column] : "";
                text.Append(column == headers.Count - 1 ? cell : cell.PadRight(widths[column] + ColumnGap));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
