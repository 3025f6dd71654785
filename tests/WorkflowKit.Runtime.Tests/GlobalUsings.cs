global using WorkflowKit.Runtime.Tests.Support;
