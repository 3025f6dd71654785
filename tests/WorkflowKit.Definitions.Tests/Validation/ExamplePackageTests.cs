using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

public sealed class ExamplePackageTests
{
    [Test]
    public async Task Example_package_validates_without_diagnostics()
    {
        var report = await DefinitionValidator.ValidatePackageAsync(TestPaths.ExamplePackage, CancellationToken.None);

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
        Assert.That(report.Documents, Has.Count.EqualTo(6));
    }
}
