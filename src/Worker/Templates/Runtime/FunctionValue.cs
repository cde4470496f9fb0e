namespace Oprel.Worker.Templates.Runtime;

/// <summary>Something a template can call: a global (<c>range</c>, <c>namespace</c>, …), a macro or a bound method.</summary>
internal sealed class FunctionValue(string name, Func<CallArguments, Value> invoke) : Value
{
    public string Name { get; } = name;

    public override string TypeName => "function";

    public override bool IsTruthy => true;

    public Value Invoke(CallArguments arguments) => invoke(arguments);

    public override string ToString() => $"<function {Name}>";
}
