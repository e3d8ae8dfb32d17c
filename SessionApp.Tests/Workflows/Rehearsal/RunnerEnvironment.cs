using System.Collections;

namespace SessionApp.Tests.Workflows.Rehearsal;

/// <summary>
/// The process environment a runner gives a step: this machine's (less what a runner sets itself and what the test
/// platform left in this process), GitHub's default variables, PATH with the stand-ins and the job's GITHUB_PATH
/// additions first, the stand-in base image's two settings (see <see cref="WorkflowRehearsal"/>), and the env in
/// effect for the step.
/// </summary>
internal sealed class RunnerEnvironment(RehearsalSetup setup, RehearsalEvent trigger, string workspace, string runnerTemp, string standInBin)
{
    private static readonly string[] RunnerOwned = ["GITHUB_", "RUNNER_", "ACTIONS_", "TESTINGPLATFORM_", "DOTNET_CLI_TEST_"];

    public Dictionary<string, string> For(IEnumerable<string> pathAdditions, IReadOnlyDictionary<string, string> stepEnvironment)
    {
        ArgumentNullException.ThrowIfNull(stepEnvironment);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name != "CI" && !RunnerOwned.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                environment[name] = (string)variable.Value!;
            }
        }

        environment["PATH"] = string.Join(':', [standInBin, .. pathAdditions, environment.GetValueOrDefault("PATH", "/usr/bin:/bin")]);
        environment["ContainerBaseImage"] = setup.BaseImage;
        environment["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = setup.RegistryHost;
        environment["CI"] = "true";
        environment["GITHUB_ACTIONS"] = "true";
        environment["GITHUB_SHA"] = trigger.Sha;
        environment["GITHUB_REF"] = trigger.Ref;
        environment["GITHUB_EVENT_NAME"] = trigger.EventName;
        environment["GITHUB_WORKSPACE"] = workspace;
        environment["GITHUB_RUN_ID"] = GitHubContext.RunId;
        environment["GITHUB_REPOSITORY"] = GitHubContext.Repository;
        environment["GITHUB_ACTOR"] = GitHubContext.Actor;
        environment["GITHUB_JOB"] = setup.Job;
        environment["RUNNER_TEMP"] = runnerTemp;
        environment["RUNNER_OS"] = "Linux";
        foreach (var (name, value) in stepEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }
}
