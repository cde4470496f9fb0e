using System.Text;

namespace Oprel.Worker.Grammar;

/// <summary>
/// The rules of one GBNF grammar under construction: unique names, rules reserved before their body is known (for
/// recursion), identical bodies shared, and bounded repetitions kept within what llama.cpp's grammar parser accepts.
/// </summary>
internal sealed class GbnfRuleSet
{
    public const string RootName = "root";

    /// <summary>
    /// The largest count written as one <c>{m,n}</c>. llama.cpp refuses a repetition above 2000, or one whose count
    /// times the rules its item expands to reaches 2000; larger bounds are split into chained rules.
    /// </summary>
    public const int MaxRepetition = 1000;

    private readonly Dictionary<string, string?> _bodies = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _namesByBody = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fixedNames;

    /// <param name="fixedNames">Names only <see cref="DefineFixed"/> may use (the shared JSON rules).</param>
    public GbnfRuleSet(IEnumerable<string> fixedNames)
    {
        _fixedNames = new HashSet<string>(fixedNames, StringComparer.Ordinal) { RootName };
    }

    public bool Contains(string name) => _bodies.ContainsKey(name);

    /// <summary>Takes a fresh name for a rule whose body comes later through <see cref="SetBody"/>.</summary>
    public string Reserve(string hint)
    {
        var name = UniqueName(hint);
        _bodies.Add(name, null);
        _order.Add(name);
        return name;
    }

    public void SetBody(string name, string body)
    {
        if (!_bodies.TryGetValue(name, out var existing) || existing is not null)
        {
            throw new InvalidOperationException($"The rule '{name}' was not reserved, or already has a body.");
        }

        _bodies[name] = body;
    }

    /// <summary>Adds a rule and returns its name; a rule with the same body already defined is reused instead.</summary>
    public string Define(string hint, string body)
    {
        if (_namesByBody.TryGetValue(body, out var existing))
        {
            return existing;
        }

        var name = UniqueName(hint);
        _bodies.Add(name, body);
        _order.Add(name);
        _namesByBody.Add(body, name);
        return name;
    }

    /// <summary>Adds a rule under exactly <paramref name="name"/> (the root, a shared JSON rule) unless it is there already.</summary>
    public void DefineFixed(string name, string body)
    {
        if (_bodies.TryAdd(name, body))
        {
            _order.Add(name);
        }
    }

    /// <summary>Reserves the root rule, so that a schema that refers to itself (<c>"$ref": "#"</c>) can name it.</summary>
    public void ReserveRoot()
    {
        if (_bodies.TryAdd(RootName, null))
        {
            _order.Add(RootName);
        }
    }

    /// <summary>
    /// <paramref name="item"/> (a rule name or a single term) repeated <paramref name="min"/> to <paramref name="max"/>
    /// times (<see langword="null"/>: unbounded); counts above <see cref="MaxRepetition"/> become chained helper rules.
    /// </summary>
    public string Repeat(string item, int min, int? max, string hint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        if (max is { } upper)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(upper, min);
        }

        if (min <= MaxRepetition && (max ?? 0) <= MaxRepetition)
        {
            return GbnfText.Repeat(item, min, max);
        }

        if (!GbnfText.IsRuleName(item))
        {
            item = Define(hint + "-item", item);
        }

        var required = Exactly(item, min, hint);
        var optional = max is { } limit ? AtMost(item, limit - min, hint) : item + "*";
        return GbnfText.Sequence(required, optional);
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var name in _order.Where(n => n == RootName).Concat(_order.Where(n => n != RootName)))
        {
            var body = _bodies[name] ?? throw new InvalidOperationException($"The rule '{name}' was reserved but never defined.");
            text.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return text.ToString();
    }

    private string Exactly(string item, int count, string hint)
    {
        if (count <= MaxRepetition)
        {
            return GbnfText.Repeat(item, count, count);
        }

        var block = Define(hint + "-block", GbnfText.Repeat(item, MaxRepetition, MaxRepetition));
        return GbnfText.Sequence(
            Exactly(block, count / MaxRepetition, hint + "-blocks"),
            GbnfText.Repeat(item, count % MaxRepetition, count % MaxRepetition));
    }

    /// <summary>
    /// Between zero and <paramref name="count"/> items, unambiguously: fewer than <c>q</c> blocks then fewer than a
    /// block, or <c>q</c> blocks then at most the remainder (<c>count = q × block + remainder</c>). The blocks repeat the
    /// same way, so the rules grow with the logarithm of the count.
    /// </summary>
    private string AtMost(string item, int count, string hint)
    {
        if (count <= MaxRepetition)
        {
            return GbnfText.Repeat(item, 0, count);
        }

        var block = Define(hint + "-block", GbnfText.Repeat(item, MaxRepetition, MaxRepetition));
        var (blocks, remainder) = Math.DivRem(count, MaxRepetition);
        var fewer = GbnfText.Sequence(Wrap(AtMost(block, blocks - 1, hint + "-blocks")), GbnfText.Repeat(item, 0, MaxRepetition - 1));
        var all = GbnfText.Sequence(Wrap(Exactly(block, blocks, hint + "-blocks")), GbnfText.Repeat(item, 0, remainder));
        return Define(hint + "-upto", $"{fewer} | {all}");
    }

    private static string Wrap(string expression) =>
        expression.Length == 0 || GbnfText.IsRuleName(expression) ? expression : $"( {expression} )";

    private string UniqueName(string hint)
    {
        var baseName = Sanitize(hint);
        var name = baseName;
        for (var suffix = 2; _bodies.ContainsKey(name) || _fixedNames.Contains(name); suffix++)
        {
            name = $"{baseName}-{suffix}";
        }

        return name;
    }

    private static string Sanitize(string hint)
    {
        var builder = new StringBuilder(hint.Length);
        foreach (var character in hint)
        {
            var next = GbnfText.IsNameCharacter(character) ? character : '-';
            if (next == '-' && (builder.Length == 0 || builder[^1] == '-'))
            {
                continue;
            }

            builder.Append(next);
        }

        var name = builder.ToString().TrimEnd('-');
        return name.Length == 0 ? "rule" : name;
    }
}
