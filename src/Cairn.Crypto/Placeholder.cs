namespace Cairn.Crypto; internal static class Placeholder { }
