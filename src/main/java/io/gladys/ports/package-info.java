/**
 * A stack's ports: the modes (the catalog's, shifted by an offset, dynamic), the ports each service gets in
 * its environment ({@link io.gladys.ports.PortPlan}, asking the environment which may move), {@code ${port}}
 * placeholders, and the record later goals read ({@link io.gladys.ports.PortRecord}).
 */
package io.gladys.ports;
