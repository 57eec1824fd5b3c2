package org.opendps.cli.service;

import picocli.CommandLine.Command;

/** {@code opendps service}: the instance's own properties (OpenDPS admin API; ARM's job in Azure). */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Show the service's properties and set its allocation policy.",
            "Every service command needs a policy with the ServiceConfig right."},
        subcommands = {
            ServiceShowCommand.class,
            ServiceSetAllocationPolicyCommand.class
        })
public final class ServiceCommand {}
