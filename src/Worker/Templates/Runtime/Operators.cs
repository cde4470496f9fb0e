using System.Numerics;
using System.Text;

namespace Oprel.Worker.Templates.Runtime;

/// <summary>Python's semantics for the template operators: arithmetic, comparison, membership and iteration.</summary>
internal static class Operators
{
    private const long MaximumRepeatedLength = 10_000_000;

    public static Value Add(Value left, Value right)
    {
        if (left is StringValue leftText && right is StringValue rightText)
        {
            return new StringValue(string.Concat(leftText.Value, rightText.Value));
        }

        if (left is ListValue leftList && right is ListValue rightList && leftList.IsTuple == rightList.IsTuple)
        {
            return new ListValue([.. leftList.Items, .. rightList.Items], leftList.IsTuple);
        }

        return Arithmetic(left, right, "+", static (a, b) => checked(a + b), static (a, b) => a + b);
    }

    public static Value Subtract(Value left, Value right) =>
        Arithmetic(left, right, "-", static (a, b) => checked(a - b), static (a, b) => a - b);

    public static Value Multiply(Value left, Value right)
    {
        if (left is StringValue text && IsInteger(right, out var count))
        {
            return new StringValue(Repeat(text.Value, count));
        }

        if (right is StringValue textOnRight && IsInteger(left, out var countOnLeft))
        {
            return new StringValue(Repeat(textOnRight.Value, countOnLeft));
        }

        if (left is ListValue list && IsInteger(right, out var times))
        {
            if (times > 0 && list.Items.Count > 0 && times > MaximumRepeatedLength / list.Items.Count)
            {
                throw new TemplateRuntimeException("the repeated list would be too long");
            }

            var items = new List<Value>();
            for (var i = 0; i < times; i++)
            {
                items.AddRange(list.Items);
            }

            return new ListValue(items, list.IsTuple);
        }

        return Arithmetic(left, right, "*", static (a, b) => checked(a * b), static (a, b) => a * b);
    }

    public static Value Divide(Value left, Value right)
    {
        var (a, b) = Floats(left, right, "/");
        return b == 0 ? throw new TemplateRuntimeException("division by zero") : new FloatValue(a / b);
    }

    public static Value FloorDivide(Value left, Value right)
    {
        if (IsInteger(left, out var a) && IsInteger(right, out var b))
        {
            if (b == 0)
            {
                throw new TemplateRuntimeException("integer division or modulo by zero");
            }

            var quotient = a / b;
            return IntegerValue.From((a % b != 0) && ((a < 0) != (b < 0)) ? quotient - 1 : quotient);
        }

        var (x, y) = Floats(left, right, "//");
        return y == 0 ? throw new TemplateRuntimeException("float floor division by zero") : new FloatValue(Math.Floor(x / y));
    }

    public static Value Modulo(Value left, Value right)
    {
        if (IsInteger(left, out var a) && IsInteger(right, out var b))
        {
            if (b == 0)
            {
                throw new TemplateRuntimeException("integer division or modulo by zero");
            }

            var remainder = a % b;
            return IntegerValue.From(remainder != 0 && ((remainder < 0) != (b < 0)) ? remainder + b : remainder);
        }

        if (left is StringValue)
        {
            throw new TemplateRuntimeException("printf-style string formatting ('%' on a string) is not supported.");
        }

        var (x, y) = Floats(left, right, "%");
        if (y == 0)
        {
            throw new TemplateRuntimeException("float modulo");
        }

        var rest = x % y;
        return new FloatValue(rest != 0 && ((rest < 0) != (y < 0)) ? rest + y : rest);
    }

    public static Value Power(Value left, Value right)
    {
        if (IsInteger(left, out var a) && IsInteger(right, out var b) && b >= 0)
        {
            switch (a)
            {
                case 0 or 1:
                    return IntegerValue.From(b == 0 ? 1 : a);
                case -1:
                    return IntegerValue.From(b % 2 == 0 ? 1 : -1);
            }

            if (b <= 64 && BigInteger.Pow(a, (int)b) is var exact && exact >= long.MinValue && exact <= long.MaxValue)
            {
                return IntegerValue.From((long)exact);
            }
        }

        var (x, y) = Floats(left, right, "**");
        return new FloatValue(Math.Pow(x, y));
    }

    public static Value Negate(Value operand) => operand switch
    {
        IntegerValue integer => IntegerValue.From(checked(-integer.Value)),
        BooleanValue boolean => IntegerValue.From(boolean.Value ? -1 : 0),
        FloatValue number => new FloatValue(-number.Value),
        _ => throw new TemplateRuntimeException($"bad operand type for unary -: '{Describe(operand)}'"),
    };

    public static Value Plus(Value operand) => operand switch
    {
        IntegerValue or FloatValue => operand,
        BooleanValue boolean => IntegerValue.From(boolean.Value ? 1 : 0),
        _ => throw new TemplateRuntimeException($"bad operand type for unary +: '{Describe(operand)}'"),
    };

    /// <summary>The <c>~</c> operator: both sides as strings, undefined as the empty string.</summary>
    public static Value Concatenate(Value left, Value right) => new StringValue(string.Concat(left.ToString(), right.ToString()));

    /// <summary>Python's <c>==</c>: numbers by value (<c>1 == 1.0 == True</c>), containers item by item.</summary>
    public static bool AreEqual(Value left, Value right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        switch (left)
        {
            case StringValue leftText:
                return right is StringValue rightText && leftText.Value == rightText.Value;
            case IntegerValue or FloatValue or BooleanValue:
                if (IsInteger(left, out var a) && IsInteger(right, out var b))
                {
                    return a == b;
                }

                return IsNumber(right) && ToDouble(left) == ToDouble(right);
            case ListValue leftList:
                if (right is not ListValue rightList || leftList.IsTuple != rightList.IsTuple || leftList.Items.Count != rightList.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftList.Items.Count; i++)
                {
                    if (!AreEqual(leftList.Items[i], rightList.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case DictValue leftDict:
                if (right is not DictValue rightDict || leftDict.Count != rightDict.Count)
                {
                    return false;
                }

                foreach (var entry in leftDict.Entries)
                {
                    if (!rightDict.TryGetValue(entry.Key, out var other) || !AreEqual(entry.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            case NoneValue:
                return right is NoneValue;
            case UndefinedValue:
                return right is UndefinedValue;
            default:
                return false;
        }
    }

    /// <summary>Python's ordering: numbers with numbers, strings by code point, lists item by item.</summary>
    public static int Compare(Value left, Value right, string operatorText)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            if (IsInteger(left, out var a) && IsInteger(right, out var b))
            {
                return a.CompareTo(b);
            }

            var (x, y) = (ToDouble(left), ToDouble(right));
            return x < y ? -1 : x > y ? 1 : 0;
        }

        if (left is StringValue leftText && right is StringValue rightText)
        {
            return Math.Sign(string.CompareOrdinal(leftText.Value, rightText.Value));
        }

        if (left is ListValue leftList && right is ListValue rightList && leftList.IsTuple == rightList.IsTuple)
        {
            for (var i = 0; i < Math.Min(leftList.Items.Count, rightList.Items.Count); i++)
            {
                if (!AreEqual(leftList.Items[i], rightList.Items[i]))
                {
                    return Compare(leftList.Items[i], rightList.Items[i], operatorText);
                }
            }

            return leftList.Items.Count.CompareTo(rightList.Items.Count);
        }

        throw new TemplateRuntimeException($"'{operatorText}' not supported between instances of '{Describe(left)}' and '{Describe(right)}'");
    }

    /// <summary>Python's <c>in</c>: substring, list item, or dict key.</summary>
    public static bool Contains(Value container, Value item) => container switch
    {
        StringValue text => item is StringValue part
            ? text.Value.Contains(part.Value, StringComparison.Ordinal)
            : throw new TemplateRuntimeException($"'in <string>' requires string as left operand, not {Describe(item)}"),
        ListValue list => list.Items.Any(candidate => AreEqual(candidate, item)),
        DictValue dict => item is StringValue key && dict.ContainsKey(key.Value),
        UndefinedValue => false,
        _ => throw new TemplateRuntimeException($"argument of type '{Describe(container)}' is not iterable"),
    };

    /// <summary>What a <c>for</c> loop walks: list items, dict keys, string characters; undefined is empty.</summary>
    public static IReadOnlyList<Value> Iterate(Value value)
    {
        switch (value)
        {
            case ListValue list:
                return list.Items;
            case DictValue dict:
                return dict.Keys.Select(key => (Value)new StringValue(key)).ToList();
            case StringValue text:
                var characters = new Value[text.Value.Length];
                for (var i = 0; i < characters.Length; i++)
                {
                    characters[i] = new StringValue(text.Value[i].ToString());
                }

                return characters;
            case UndefinedValue:
                return [];
            default:
                throw new TemplateRuntimeException($"'{Describe(value)}' object is not iterable");
        }
    }

    /// <summary>Python's <c>len()</c>; undefined has length 0.</summary>
    public static int Length(Value value) => value switch
    {
        StringValue text => text.Value.Length,
        ListValue list => list.Items.Count,
        DictValue dict => dict.Count,
        UndefinedValue => 0,
        _ => throw new TemplateRuntimeException($"object of type '{Describe(value)}' has no len()"),
    };

    public static bool IsNumber(Value value) => value is IntegerValue or FloatValue or BooleanValue;

    /// <summary>An <c>int</c> (or a boolean, as Python counts it) and its value.</summary>
    public static bool IsInteger(Value value, out long result)
    {
        switch (value)
        {
            case IntegerValue integer:
                result = integer.Value;
                return true;
            case BooleanValue boolean:
                result = boolean.Value ? 1 : 0;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    public static double ToDouble(Value value) => value switch
    {
        FloatValue number => number.Value,
        IntegerValue integer => integer.Value,
        BooleanValue boolean => boolean.Value ? 1 : 0,
        _ => throw new TemplateRuntimeException($"a number is required, not '{Describe(value)}'"),
    };

    /// <summary>The type name for an error message; an undefined value says what was undefined.</summary>
    public static string Describe(Value value) => value is UndefinedValue undefined ? $"Undefined ({undefined.Reason})" : value.TypeName;

    private static Value Arithmetic(Value left, Value right, string operatorText, Func<long, long, long> integers, Func<double, double, double> floats)
    {
        if (IsInteger(left, out var a) && IsInteger(right, out var b))
        {
            try
            {
                return IntegerValue.From(integers(a, b));
            }
            catch (OverflowException)
            {
                return new FloatValue(floats(a, b));
            }
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return new FloatValue(floats(ToDouble(left), ToDouble(right)));
        }

        throw Unsupported(operatorText, left, right);
    }

    private static (double Left, double Right) Floats(Value left, Value right, string operatorText) =>
        IsNumber(left) && IsNumber(right) ? (ToDouble(left), ToDouble(right)) : throw Unsupported(operatorText, left, right);

    private static TemplateRuntimeException Unsupported(string operatorText, Value left, Value right)
    {
        if (left is UndefinedValue undefined)
        {
            return new TemplateRuntimeException(undefined.Reason);
        }

        if (right is UndefinedValue undefinedRight)
        {
            return new TemplateRuntimeException(undefinedRight.Reason);
        }

        return new TemplateRuntimeException($"unsupported operand type(s) for {operatorText}: '{left.TypeName}' and '{right.TypeName}'");
    }

    private static string Repeat(string text, long count)
    {
        if (count <= 0 || text.Length == 0)
        {
            return "";
        }

        if (count > MaximumRepeatedLength / text.Length)
        {
            throw new TemplateRuntimeException("the repeated string would be too long");
        }

        return new StringBuilder(text.Length * (int)count).Insert(0, text, (int)count).ToString();
    }
}
