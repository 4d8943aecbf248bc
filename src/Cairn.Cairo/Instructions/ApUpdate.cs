namespace Cairn.Cairo.Instructions;

/// <summary>How ap changes after the step (AP_UPDATE); Add2 is implied by a call.</summary>
public enum ApUpdate : byte
{
    Regular,
    Add,
    Add1,
    Add2,
}
