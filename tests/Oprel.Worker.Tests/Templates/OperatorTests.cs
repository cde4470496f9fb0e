namespace Oprel.Worker.Tests.Templates;

/// <summary>Operators, precedence and literals, with Python's semantics.</summary>
public sealed class OperatorTests
{
    [Theory]
    [InlineData("{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 10 - 3 - 2 }} {{ 2 * 3 % 4 }}", "7 9 5 2")]
    [InlineData("{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 4 / 2 }}", "3 -4 1 2 3.5 2.0")]
    [InlineData("{{ 2 ** 10 }} {{ 2 ** -1 }} {{ 2 ** 3 ** 2 }} {{ - 2 ** 2 }} {{ 2 ** 0.5 }}", "1024 0.5 64 4 1.4142135623730951")]
    [InlineData("{{ 'a' ~ 1 ~ none ~ true ~ missing }}|{{ 'ab' + 'cd' }}|{{ [1] + [2, 3] }}|{{ 'ab' * 3 }}|{{ [0] * 3 }}", "a1NoneTrue|abcd|[1, 2, 3]|ababab|[0, 0, 0]")]
    [InlineData("{{ 1 ~ 2 ~ 3 }} {{ 2 * 3 ~ 4 }} {{ 'a' ~ 2 * 3 }} {{ (1 + 2) ~ 3 }}", "123 64 a6 33")]
    [InlineData("{{ 1 < 2 < 3 }}{{ 3 > 2 > 2 }}{{ 'a' < 'b' }}{{ 'B' < 'a' }}{{ [1,2] < [1,3] }}", "TrueFalseTrueTrueTrue")]
    [InlineData("{{ 1 == 1.0 }}{{ true == 1 }}{{ 'a' != 'a' }}{{ [1,2] == [1,2] }}{{ (1,2) == [1,2] }}{{ {'a':1,'b':2} == {'b':2,'a':1} }}", "TrueTrueFalseTrueFalseTrue")]
    [InlineData("{{ not true }}{{ not none }}{{ 1 and 2 }}{{ 0 and 2 }}{{ 0 or 'x' }}{{ '' or [] }}{{ none or 0 }}", "FalseTrue20x[]0")]
    [InlineData("{{ 'yes' if 1 > 0 else 'no' }}{{ 'yes' if 0 else 'no' }}[{{ 'x' if false }}]{{ 'a' if false else 'b' if true else 'c' }}", "yesno[]b")]
    [InlineData("{{ -3 + 5 }} {{ -(2) }} {{ +3 }} {{ 1.5 + 1 }} {{ 0.1 + 0.2 }} {{ 1/3 }}", "2 -2 3 2.5 0.30000000000000004 0.3333333333333333")]
    [InlineData("{{ 1e20 }} {{ 1e-5 }} {{ 1.0 }} {{ 100000000000000000.0 }} {{ 2.5e-3 }} {{ 1_000 + 1 }} {{ 1.5e3 }}", "1e+20 1e-05 1.0 1e+17 0.0025 1001 1500.0")]
    [InlineData("{{ [1, 'a', none, true, false, 1.5] }}{{ (1,) }}{{ () }}{{ {'a': 'b', 'c': [1, (2, 3)]} }}", "[1, 'a', None, True, False, 1.5](1,)(){'a': 'b', 'c': [1, (2, 3)]}")]
    [InlineData("{{ True }}{{ None }}{{ False }}{{ none }}{{ true }}{{ missing }}|", "TrueNoneFalseNoneTrue|")]
    [InlineData("{{ \"it's\" }} {{ ['it\\'s', \"say \\\"hi\\\"\", 'a\\nb'] }} {{ 'x' 'y' \"z\" }} {{ '\\u00e9\\x41\\t|' }}", "it's [\"it's\", 'say \"hi\"', 'a\\nb'] xyz \u00e9A\t|")]
    public void Expression_EvaluatesAsInJinja(string source, string expected)
    {
        Assert.Equal(expected, TemplateRunner.Render(source));
    }

    [Fact]
    public void IntegerOverflow_FallsBackToAFloat()
    {
        // Python's integers are unbounded; here they are 64-bit and an overflowing result becomes a float.
        Assert.Equal("1e+20 9.223372036854776e+18", TemplateRunner.Render("{{ 10 ** 20 }} {{ 9223372036854775807 + 1 }}"));
    }

    [Theory]
    [InlineData("{{ 1 + 'a' }}", "unsupported operand type(s) for +: 'int' and 'str'", 6)]
    [InlineData("{{ 'a' < 1 }}", "'<' not supported between instances of 'str' and 'int'", 8)]
    [InlineData("{{ 1 / 0 }}", "division by zero", 6)]
    [InlineData("{{ 1 in 'abc' }}", "'in <string>' requires string as left operand, not int", 6)]
    [InlineData("{{ 'x' in 1 }}", "argument of type 'int' is not iterable", 8)]
    [InlineData("{{ missing + 1 }}", "'missing' is undefined", 12)]
    [InlineData("{{ 1 + 2 ~ 3 }}", "unsupported operand type(s) for +: 'int' and 'str'", 6)]
    public void BadOperands_FailWithPythonsMessageAndTheLocation(string source, string message, int column)
    {
        var exception = TemplateRunner.Fails(source);

        Assert.Equal(message, exception.Detail);
        Assert.Equal(1, exception.Line);
        Assert.Equal(column, exception.Column);
        Assert.False(exception.RaisedByTemplate);
    }
}
