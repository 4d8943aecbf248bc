using System.Text.Json;
using Cairn.Crypto.Hashing;
using Cairn.Execution.SystemContracts;

namespace Cairn.Execution.Tests.SystemContracts;

/// <summary>The ABIs list exactly the classes' external entry points, and the events the classes emit.</summary>
public sealed class AbiTests
{
    public static TheoryData<string> Classes => ["erc20", "udc"];

    [Theory]
    [MemberData(nameof(Classes))]
    public void Abi_functions_are_the_external_entry_points(string which)
    {
        var (abi, contract) = which == "erc20" ? (Erc20Token.Abi, Erc20Token.Contract) : (UniversalDeployer.Abi, UniversalDeployer.Contract);
        using var doc = JsonDocument.Parse(abi);
        var functions = doc.RootElement.EnumerateArray()
            .Where(x => x.GetProperty("type").GetString() == "interface")
            .SelectMany(x => x.GetProperty("items").EnumerateArray())
            .Select(f => f.GetProperty("name").GetString()!)
            .ToList();
        Assert.Equal(functions.Count, functions.Distinct().Count());
        Assert.Equal(
            functions.Select(StarknetKeccak.Selector).Order(),
            contract.Class.External.Select(e => e.Selector).Order());
        var events = doc.RootElement.EnumerateArray().Where(x => x.GetProperty("type").GetString() == "event")
            .Select(x => x.GetProperty("name").GetString()!.Split("::")[^1]).ToList();
        if (which == "erc20")
        {
            Assert.Contains("Transfer", events);
            Assert.Contains("Approval", events);
            Assert.Single(contract.Class.Constructor);
        }
        else
        {
            Assert.Contains("ContractDeployed", events);
            Assert.Empty(contract.Class.Constructor);
        }
    }
}
