// Aspire 13's pipeline steps and their output service are experimental (ASPIREPIPELINES001, 004); the publish
// step is built on them.
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004

using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SessionApp.AppHost.Aws;
using SessionApp.Aws;

namespace Aspire.Hosting;

/// <summary>Publishes the app model to AWS as a pipeline step of the AppHost.</summary>
public static class AwsPublishingExtensions
{
    /// <summary>The pipeline step's name.</summary>
    public const string StepName = "publish-aws";

    /// <summary>
    /// Adds the <c>publish-aws</c> step, required by Aspire's <c>publish</c> step: it reads the app model
    /// (<see cref="AwsTopologyReader"/>) and writes the CDK cloud assembly of stack <c>SessionApp-{environment}</c>
    /// (ECS Fargate behind an ALB, MemoryDB with TLS and an ACL user, SSM Parameter Store) to the publish output path,
    /// then prints what it wrote. The environment is the AppHost's (<c>--environment staging</c>), lower-cased.
    /// <c>dotnet run --project SessionApp.AppHost -- --operation publish --step publish --output-path artifacts/aws</c>.
    /// </summary>
    public static IDistributedApplicationBuilder AddAwsPublishing(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Pipeline.AddStep(StepName, PublishAsync, requiredBy: WellKnownPipelineSteps.Publish);

        return builder;
    }

    private static Task PublishAsync(PipelineStepContext context)
    {
        var environment = context.Services.GetRequiredService<IHostEnvironment>().EnvironmentName;
        var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
        var topology = AwsTopologyReader.Read(context.Model, environment);
        try
        {
            var result = AwsStackSynthesizer.Synthesize(topology, output);
            Log.Published(context.Logger, result.StackName, result.TemplatePath, result.OutputDirectory);
            foreach (var line in result.Summary)
            {
                Log.SummaryLine(context.Logger, line);
            }

            Log.Parameters(context.Logger, result.ParameterNames);
        }
        finally
        {
            JsiiTemporaryFolders.DeleteThoseOfThisProcess();
        }

        return Task.CompletedTask;
    }
}
