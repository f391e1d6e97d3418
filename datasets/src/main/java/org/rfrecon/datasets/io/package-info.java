/** File helpers shared by the datasets module and its users: atomic writes and checksums. */
package org.rfrecon.datasets.io;
