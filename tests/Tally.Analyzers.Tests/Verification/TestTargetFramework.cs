namespace Tally.Analyzers.Tests.Verification;

/// <summary>The reference assemblies a test source is compiled against.</summary>
public enum TestTargetFramework
{
    /// <summary>The installed SDK's highest <c>Microsoft.NETCore.App.Ref</c> pack (net10.0 on this machine).</summary>
    Net,

    /// <summary>The <c>NETStandard.Library</c> 2.0.3 reference assemblies.</summary>
    NetStandard20,
}
