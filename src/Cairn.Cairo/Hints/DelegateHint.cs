namespace Cairn.Cairo.Hints;

/// <summary>A hint implemented by a delegate.</summary>
public sealed class DelegateHint(Action<HintContext> action) : IHint
{
    public void Execute(HintContext context) => action(context);
}
