using System.Globalization;
using System.Text;

namespace Oprel.Supervisor.Tests.Telemetry;

/// <summary>A parsed Prometheus text scrape: its samples and its # TYPE lines, strict enough to catch malformed output.</summary>
internal sealed class PrometheusScrape
{
    private PrometheusScrape(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    public IReadOnlyDictionary<string, string> Types { get; }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Equal(4, parts.Length);
                Assert.True(types.TryAdd(parts[2], parts[3]), $"two TYPE lines for {parts[2]}");
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return new PrometheusScrape(samples, types);
    }

    /// <summary>The value of the one sample with this name whose labels include <paramref name="labels"/>.</summary>
    public double Value(string name, params (string Key, string Value)[] labels) => Assert.Single(Find(name, labels)).Value;

    public IEnumerable<PrometheusSample> Find(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    private static PrometheusSample ParseSample(string line)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.LastIndexOf(' ');
        Assert.True(space > 0, $"no value in '{line}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string name;
        if (brace < 0)
        {
            name = line[..space];
        }
        else
        {
            name = line[..brace];
            var close = line.LastIndexOf('}');
            ParseLabels(line[(brace + 1)..close], labels);
        }

        Assert.Matches("^[a-zA-Z_:][a-zA-Z0-9_:]*$", name);
        var valueText = line[(space + 1)..];
        var value = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, value);
    }

    private static void ParseLabels(string text, Dictionary<string, string> labels)
    {
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf('=', i);
            var key = text[i..equals];
            Assert.Matches("^[a-zA-Z_][a-zA-Z0-9_]*$", key);
            Assert.Equal('"', text[equals + 1]);
            var value = new StringBuilder();
            var j = equals + 2;
            for (; text[j] != '"'; j++)
            {
                if (text[j] == '\\')
                {
                    j++;
                    value.Append(text[j] == 'n' ? '\n' : text[j]);
                }
                else
                {
                    value.Append(text[j]);
                }
            }

            labels.Add(key, value.ToString());
            i = j + 1;
            if (i < text.Length)
            {
                Assert.Equal(',', text[i]);
                i++;
            }
        }
    }
}
