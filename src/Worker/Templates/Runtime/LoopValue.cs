namespace Oprel.Worker.Templates.Runtime;

/// <summary>The <c>loop</c> variable inside a <c>for</c>: <c>loop.index</c>, <c>loop.first</c>, <c>loop.last</c>, ….</summary>
internal sealed class LoopValue(IReadOnlyList<Value> items) : Value
{
    private FunctionValue? _cycle;

    /// <summary>The 0-based position of the current item; the loop advances it.</summary>
    public int Index0 { get; set; }

    public override string TypeName => "LoopContext";

    public override bool IsTruthy => true;

    public Value Get(string name) => name switch
    {
        "index" => IntegerValue.From(Index0 + 1),
        "index0" => IntegerValue.From(Index0),
        "revindex" => IntegerValue.From(items.Count - Index0),
        "revindex0" => IntegerValue.From(items.Count - Index0 - 1),
        "first" => BooleanValue.From(Index0 == 0),
        "last" => BooleanValue.From(Index0 == items.Count - 1),
        "length" => IntegerValue.From(items.Count),
        "depth" => IntegerValue.From(1),
        "depth0" => IntegerValue.From(0),
        "previtem" => Index0 > 0 ? items[Index0 - 1] : UndefinedValue.Named("loop.previtem"),
        "nextitem" => Index0 < items.Count - 1 ? items[Index0 + 1] : UndefinedValue.Named("loop.nextitem"),
        "cycle" => _cycle ??= new FunctionValue("loop.cycle", Cycle),
        _ => UndefinedValue.Attribute(this, name),
    };

    public override string ToString() => $"<LoopContext {Index0 + 1}/{items.Count}>";

    private Value Cycle(CallArguments arguments)
    {
        if (arguments.Positional.Count == 0)
        {
            throw new TemplateRuntimeException("loop.cycle() needs at least one value.");
        }

        return arguments.Positional[Index0 % arguments.Positional.Count];
    }
}
