/**
 * The work both front ends run, the command line ({@code cli}) and the Apache Spark engine ({@code
 * spark}): loading a model by directory or {@code zoo:} name ({@link
 * org.rfrecon.jobs.ModelLoading}), reconstructing a dataset directory shard by shard into an output
 * directory with its index ({@link org.rfrecon.jobs.DatasetInference}), and the exception for a bad
 * input ({@link org.rfrecon.jobs.InvalidInputException}). The cluster service interface and its
 * serialisable jobs are in {@link org.rfrecon.jobs.cluster}.
 *
 * <p>Library code: messages name the values they refuse, never a command-line flag; the command
 * line maps them to its flags.
 */
package org.rfrecon.jobs;
