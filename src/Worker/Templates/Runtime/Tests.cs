using System.Collections.Frozen;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>Jinja's tests, as in <c>x is defined</c>, <c>x is not none</c>, <c>x is equalto 'user'</c>.</summary>
internal static class Tests
{
    private static readonly FrozenSet<string> WithArgument = new[]
    {
        "divisibleby", "eq", "equalto", "==", "ne", "!=", "lt", "<", "lessthan", "le", "<=", "gt", ">", "greaterthan", "ge", ">=",
        "in", "sameas",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> WithoutArgument = new[]
    {
        "boolean", "callable", "defined", "undefined", "even", "odd", "false", "true", "float", "integer", "iterable",
        "lower", "upper", "mapping", "none", "number", "sequence", "string",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Exists(string name) => WithArgument.Contains(name) || WithoutArgument.Contains(name);

    /// <summary>Whether the test takes an argument, which may then follow without parentheses (<c>is equalto 'x'</c>).</summary>
    public static bool TakesArgument(string name) => WithArgument.Contains(name);

    public static bool Apply(string name, Value value, CallArguments arguments)
    {
        if (WithArgument.Contains(name))
        {
            var other = arguments.AtMost(1, name).Require(0, "other", name);
            return name switch
            {
                "divisibleby" => Operators.ToDouble(Operators.Modulo(value, other)) == 0,
                "eq" or "equalto" or "==" => Operators.AreEqual(value, other),
                "ne" or "!=" => !Operators.AreEqual(value, other),
                "lt" or "<" or "lessthan" => Operators.Compare(value, other, "<") < 0,
                "le" or "<=" => Operators.Compare(value, other, "<=") <= 0,
                "gt" or ">" or "greaterthan" => Operators.Compare(value, other, ">") > 0,
                "ge" or ">=" => Operators.Compare(value, other, ">=") >= 0,
                "in" => Operators.Contains(other, value),
                _ => SameAs(value, other),
            };
        }

        arguments.AtMost(0, name);
        return name switch
        {
            "boolean" => value is BooleanValue,
            "callable" => value is FunctionValue,
            "defined" => value.IsDefined,
            "undefined" => !value.IsDefined,
            "even" => Integer(value, name) % 2 == 0,
            "odd" => Integer(value, name) % 2 != 0,
            "false" => value is BooleanValue { Value: false },
            "true" => value is BooleanValue { Value: true },
            "float" => value is FloatValue,
            "integer" => value is IntegerValue,
            "iterable" => value is StringValue or ListValue or DictValue or UndefinedValue,
            "lower" => value is StringValue lower && lower.Value == lower.Value.ToLowerInvariant(),
            "upper" => value is StringValue upper && upper.Value == upper.Value.ToUpperInvariant(),
            "mapping" => value is DictValue,
            "none" => value is NoneValue,
            "number" => Operators.IsNumber(value),
            "sequence" => value is StringValue or ListValue or DictValue,
            "string" => value is StringValue,
            _ => throw new TemplateRuntimeException($"No test named '{name}'."),
        };
    }

    private static bool SameAs(Value value, Value other) => ReferenceEquals(value, other) || (value, other) switch
    {
        (NoneValue, NoneValue) => true,
        (IntegerValue a, IntegerValue b) => a.Value == b.Value,
        (StringValue a, StringValue b) => a.Value == b.Value,
        _ => false,
    };

    private static long Integer(Value value, string test) =>
        Operators.IsInteger(value, out var integer) ? integer : throw new TemplateRuntimeException($"the '{test}' test needs an integer, not '{Operators.Describe(value)}'");
}
