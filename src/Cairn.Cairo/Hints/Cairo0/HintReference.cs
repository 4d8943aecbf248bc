using Cairn.Cairo.Memory;
using Cairn.Cairo.Programs;

namespace Cairn.Cairo.Hints.Cairo0;

/// <summary>
/// An <c>ids.x</c> variable of one hint site, compiled once (cairo-vm.md §6.2): the parsed reference,
/// whether the variable lives in a memory cell (outer brackets), its Cairo type, and the ap
/// correction between the reference's and the hint's ap tracking.
/// </summary>
public sealed class HintReference
{
    private readonly ReferenceExpression? _expression;
    private readonly string? _error;
    private readonly int _apDelta;
    private readonly bool _apUsable;

    private HintReference(string name, ReferenceExpression? expression, string? error, string cairoType, bool isCell, int apDelta, bool apUsable)
    {
        Name = name;
        _expression = expression;
        _error = error;
        CairoType = cairoType;
        IsCell = isCell;
        _apDelta = apDelta;
        _apUsable = apUsable;
    }

    /// <summary>Short name (last component of the reference's full name).</summary>
    public string Name { get; }

    /// <summary>Type of <c>ids.x</c>: <c>felt</c>, <c>T*</c>, or a struct's full name.</summary>
    public string CairoType { get; }

    /// <summary>True when the reference is <c>[…]</c>: the variable is the memory cell at an address.</summary>
    public bool IsCell { get; }

    /// <summary>Compiles reference <paramref name="reference"/> as seen by a hint with <paramref name="hintApTracking"/>.</summary>
    public static HintReference Create(string name, ProgramReference reference, ApTracking hintApTracking)
    {
        bool apUsable = reference.ApTracking.Group == hintApTracking.Group;
        int apDelta = hintApTracking.Offset - reference.ApTracking.Offset;
        ReferenceExpression expression;
        try
        {
            expression = ReferenceExpression.Parse(reference.Value);
        }
        catch (FormatException e)
        {
            return new HintReference(name, null, $"cannot parse the reference of ids.{name}: {e.Message}", "felt", false, apDelta, apUsable);
        }

        bool isCell = false;
        var typed = expression;
        if (expression is ReferenceExpression.DerefExpression d)
        {
            isCell = true;
            expression = d.Inner;
            typed = d.Inner;
        }
        string type = typed is ReferenceExpression.CastExpression c ? c.CairoType : (isCell ? "felt*" : "felt");
        if (isCell)
        {
            // [cast(addr, T*)] is a variable of type T stored at addr.
            type = type.EndsWith('*') ? type[..^1].TrimEnd() : "felt";
        }
        return new HintReference(name, expression, null, type, isCell, apDelta, apUsable);
    }

    /// <summary>
    /// For a cell variable, the address of its cell; otherwise the variable's value. ap is
    /// corrected by the ap-tracking delta; a group mismatch makes an ap-based reference unusable.
    /// </summary>
    public MaybeRelocatable EvaluateBase(HintContext context)
    {
        if (_expression is null) throw new HintException(_error!);
        var ap = context.Ap;
        if (_expression.UsesAp)
        {
            if (!_apUsable) throw new HintException($"ids.{Name}: ap-based reference from a different ap-tracking group cannot be used (the hint's ap changed by an unknown amount)");
            ap = ap.Add(-_apDelta);
        }
        return _expression.Evaluate(context.Memory, ap, context.Fp);
    }
}
