using System.Numerics;
using Cairn.Cairo.Hints.Cairo0;
using Cairn.Primitives;

namespace Cairn.Cairo.Tests.Hints.Cairo0;

/// <summary>Vectors from lambdaclass/cairo-vm's ec_utils tests.</summary>
public sealed class EcHintTests
{
    private const string EcPoint = "m.EcPoint";
    private static readonly BigInteger Px = BigInteger.Parse("3004956058830981475544150447242655232275382685012344776588097793621230049020");
    private static readonly BigInteger Py = BigInteger.Parse("3232266734070744637901977159303149980795588196503166389060831401046564401743");
    private static readonly BigInteger Qx = BigInteger.Parse("2864041794633455918387139831609347757720597354645583729611044800117714995244");
    private static readonly BigInteger Qy = BigInteger.Parse("2252415379535459416893084165764951913426528160630388985542241241048300343256");

    private static HintTester Tester() => new HintTester().Struct(EcPoint, ("x", "felt", 0), ("y", "felt", 1));

    [Fact]
    public void Random_ec_point_matches_the_reference_vm()
    {
        var t = Tester().StructRef("p", EcPoint, -6).Felt("m", -4, 34).StructRef("q", EcPoint, -3).StructRef("s", EcPoint, -1);
        t.Set(t.Fp.Add(-6), Px);
        t.Set(t.Fp.Add(-5), Py);
        t.Set(t.Fp.Add(-3), Qx);
        t.Set(t.Fp.Add(-2), Qy);
        t.Run(EcHints.RandomEcPoint);
        Assert.Equal(Felt.FromBigIntegerReduced(BigInteger.Parse("96578541406087262240552119423829615463800550101008760434566010168435227837635")), t.FeltAt(t.Fp.Add(-1)));
        Assert.Equal(BigInteger.Parse("3412645436898503501401619513420382337734846074629040678138428701431530606439"), t.IntAt(t.Fp));
    }

    [Fact]
    public void Chained_ec_op_random_point_matches_the_reference_vm()
    {
        var t = Tester().StructRef("p", EcPoint, -6).PointerRef("m", "felt*", -4).PointerRef("q", EcPoint + "*", -3).Felt("len", -2, 3).StructRef("s", EcPoint, -1);
        var m = t.Memory.AddSegment();
        var q = t.Memory.AddSegment();
        for (int i = 0; i < 3; i++)
        {
            t.Set(m.Add(i), 34);
            t.Set(q.Add(2 * i), Qx);
            t.Set(q.Add(2 * i + 1), Qy);
        }
        t.Set(t.Fp.Add(-6), Px);
        t.Set(t.Fp.Add(-5), Py);
        t.Set(t.Fp.Add(-4), m);
        t.Set(t.Fp.Add(-3), q);
        t.Run(EcHints.ChainedEcOpRandomEcPoint);
        Assert.Equal(BigInteger.Parse("1354562415074475070179359167082942891834423311678180448592849484844152837347"), t.IntAt(t.Fp.Add(-1)));
        Assert.Equal(BigInteger.Parse("907662328694455187848008017177970257426839229889571025406355869359245158736"), t.IntAt(t.Fp));
    }

    [Fact]
    public void Recover_y_matches_the_reference_vm()
    {
        var t = Tester().Felt("x", -3, Px).StructRef("p", EcPoint, -1);
        t.Run(EcHints.RecoverY);
        Assert.Equal(Px, t.IntAt(t.Fp.Add(-1)));
        Assert.Equal(BigInteger.Parse("386236054595386575795345623791920124827519018828430310912260655089307618738"), t.IntAt(t.Fp));
    }
}
