using System.Globalization;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>A 64-bit integer (Python's <c>int</c>).</summary>
internal sealed class IntegerValue(long value) : Value
{
    private static readonly IntegerValue[] Small = Enumerable.Range(-1, 258).Select(i => new IntegerValue(i)).ToArray();

    public long Value { get; } = value;

    public override string TypeName => "int";

    public override bool IsTruthy => Value != 0;

    public static IntegerValue From(long value) => value is >= -1 and <= 256 ? Small[value + 1] : new IntegerValue(value);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
