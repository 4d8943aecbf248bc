using System.Numerics;

namespace Cairn.Node.Tests;

public class FeltCommandTests
{
    [Theory]
    [InlineData("0", "0x0 0")]
    [InlineData("0x0", "0x0 0")]
    [InlineData("0x000", "0x0 0")]
    [InlineData("65", "0x41 65 'A'")]
    [InlineData("0X00041", "0x41 65 'A'")]
    [InlineData("0x00000000000000000000000000000000000000000000000000000000000000ff", "0xff 255")]
    [InlineData("0xABCDEF", "0xabcdef 11259375")]
    [InlineData("000000123", "0x7b 123 '{'")]
    [InlineData("'SN_MAIN'", "0x534e5f4d41494e 23448594291968334 'SN_MAIN'")]
    [InlineData("'SN_SEPOLIA'", "0x534e5f5345504f4c4941 393402133025997798000961 'SN_SEPOLIA'")]
    [InlineData("''", "0x0 0")]
    [InlineData("'hello world'", "0x68656c6c6f20776f726c64 126207244316550804821666916 'hello world'")]
    [InlineData("'1234567890123456789012345678901'", "0x31323334353637383930313233343536373839303132333435363738393031 86921973946889608444641514252360676678984087116218318142845213717418291249 '1234567890123456789012345678901'")]
    [InlineData("3618502788666131213697322783095070105623107215331596699973092056135872020480",
        "0x800000000000011000000000000000000000000000000000000000000000000 3618502788666131213697322783095070105623107215331596699973092056135872020480")]
    public void PrintsHexDecimalAndShortString(string value, string expected)
    {
        var r = Cli.Run("felt", value);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal([expected], r.OutLines);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void ExpectedLinesAreIndependentlyRight()
    {
        // Cross-check the helper against a few literal values of the theory above.
        Assert.Equal("0x534e5f4d41494e 23448594291968334 'SN_MAIN'", Stark.Describe(Stark.FromShortString("SN_MAIN")));
        Assert.Equal(Stark.P - 1, BigInteger.Parse("3618502788666131213697322783095070105623107215331596699973092056135872020480"));
    }

    [Fact]
    public void RandomValuesInEveryFormatViaStdin()
    {
        var rnd = new Inputs(101);
        var inputs = Enumerable.Range(0, 500).Select(_ => rnd.FeltInput()).ToArray();
        var r = Cli.RunLines(inputs.Select(i => i.Text), "felt");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("", r.Err);
        var lines = r.OutLines;
        Assert.Equal(inputs.Length, lines.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.True(Stark.Describe(inputs[i].Value) == lines[i], $"line {i + 1}: felt {inputs[i].Text}: got '{lines[i]}', expected '{Stark.Describe(inputs[i].Value)}'");
            Cli.AssertCanonical(lines[i].Split(' ')[0]);
        }
    }

    [Fact]
    public void SingleShotAgreesWithStdin()
    {
        var rnd = new Inputs(102);
        for (int i = 0; i < 20; i++)
        {
            var (value, text) = rnd.FeltInput();
            var r = Cli.Run("felt", text);
            Assert.True(r.Exit == 0, r.ToString());
            Assert.Equal([Stark.Describe(value)], r.OutLines);
        }
    }
}
